import { Text, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import { getHotSearches } from '../../../services/catalog';

const HOT_WORDS = 10;

interface SearchSuggestionsProps {
  history: string[];
  onPick: (word: string) => void;
  onClearHistory: () => void;
}

/** Before a search (the box empty): recent searches on this phone and what sells most. */
export function SearchSuggestions({ history, onPick, onClearHistory }: SearchSuggestionsProps) {
  const hotWords = useHotWords();
  return (
    <View className="search-suggest">
      {history.length > 0 && (
        <View className="search-suggest__group">
          <View className="search-suggest__head">
            <Text className="search-suggest__title">搜索历史</Text>
            <Text className="search-suggest__clear" onClick={onClearHistory}>
              清空
            </Text>
          </View>
          <View className="search-suggest__chips">
            {history.map((word) => (
              <Text key={word} className="search-suggest__chip" onClick={() => onPick(word)}>
                {word}
              </Text>
            ))}
          </View>
        </View>
      )}
      {hotWords.length > 0 && (
        <View className="search-suggest__group">
          <View className="search-suggest__head">
            <Text className="search-suggest__title">热门搜索</Text>
          </View>
          <View className="search-suggest__chips">
            {hotWords.map((word, index) => (
              <Text
                key={word}
                className={`search-suggest__chip ${index < 3 ? 'search-suggest__chip--hot' : ''}`}
                onClick={() => onPick(word)}
              >
                {word}
              </Text>
            ))}
          </View>
        </View>
      )}
    </View>
  );
}

/** 热门搜索 from the BFF (best-selling sub-categories, then brands); no section if it cannot load. */
function useHotWords(): string[] {
  const [words, setWords] = useState<string[]>([]);
  useEffect(() => {
    let live = true;
    getHotSearches({ silent: true }).then(
      (items) => {
        if (live) setWords(items.slice(0, HOT_WORDS));
      },
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, []);
  return words;
}
