import { Image, Text, View } from '@tarojs/components';
import searchIcon from '../../../assets/search.png';
import type { SearchSuggestion } from '../../../services/catalog';

interface SuggestListProps {
  /** What is in the box now. */
  text: string;
  items: SearchSuggestion[];
  onPick: (word: string) => void;
}

const KIND_LABEL: Record<SearchSuggestion['kind'], string | null> = { category: '分类', brand: '品牌', product: null };

/** 搜索联想 while typing: 搜索“…” for the text as typed, then the suggestions with the matched part in brand red. */
export function SuggestList({ text, items, onPick }: SuggestListProps) {
  const typed = text.trim();
  return (
    <View className="suggest-list">
      <View className="suggest-list__row suggest-list__row--typed" onClick={() => onPick(typed)}>
        <Image className="suggest-list__icon" src={searchIcon} />
        <Text className="suggest-list__text">
          搜索“<Text className="suggest-list__hit">{typed}</Text>”
        </Text>
      </View>
      {items.map((item) => {
        const label = KIND_LABEL[item.kind];
        return (
          <View key={`${item.kind}:${item.text}`} className="suggest-list__row" onClick={() => onPick(item.text)}>
            <Image className="suggest-list__icon" src={searchIcon} />
            <Text className="suggest-list__text">
              {item.text.slice(0, item.highlight.start)}
              <Text className="suggest-list__hit">{item.text.slice(item.highlight.start, item.highlight.end)}</Text>
              {item.text.slice(item.highlight.end)}
            </Text>
            {label && <Text className="suggest-list__kind">{label}</Text>}
          </View>
        );
      })}
    </View>
  );
}
