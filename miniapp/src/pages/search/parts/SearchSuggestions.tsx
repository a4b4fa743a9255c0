import { Text, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import { getProducts } from '../../../services/catalog';

const HOT_WORDS = 8;

interface SearchSuggestionsProps {
  history: string[];
  onPick: (word: string) => void;
  onClearHistory: () => void;
}

/** Before a search: recent searches on this phone and what others are buying (best sellers' brands). */
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

/** The brands of the best sellers, best first; nothing (no section) if they cannot be loaded. */
function useHotWords(): string[] {
  const [words, setWords] = useState<string[]>([]);
  useEffect(() => {
    let live = true;
    getProducts({ sort: 'sales', pageSize: 30 }, { silent: true }).then(
      (page) => {
        const brands = [...new Set(page.items.map((item) => item.brand).filter(Boolean))];
        const more = page.brands.filter((brand) => !brands.includes(brand));
        if (live) setWords([...brands, ...more].slice(0, HOT_WORDS));
      },
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, []);
  return words;
}
