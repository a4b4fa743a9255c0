import { Text, View } from '@tarojs/components';
import type { SortTab } from '../useSearch';

interface SortBarProps {
  sort: SortTab;
  filtersActive: boolean;
  onSort: (sort: SortTab) => void;
  onFilter: () => void;
}

const TABS: { label: string; sort: SortTab }[] = [
  { label: '综合', sort: 'default' },
  { label: '销量', sort: 'sales' },
  { label: '新品', sort: 'new' },
];

/** 综合 · 销量 · 价格 (tap again to flip ↑↓) · 新品 · 筛选. */
export function SortBar({ sort, filtersActive, onSort, onFilter }: SortBarProps) {
  const priceActive = sort === 'price_asc' || sort === 'price_desc';
  const tab = (label: string, value: SortTab) => (
    <View key={value} className={`sort-bar__tab ${sort === value ? 'sort-bar__tab--active' : ''}`} onClick={() => onSort(value)}>
      <Text>{label}</Text>
    </View>
  );
  return (
    <View className="sort-bar">
      {tab(TABS[0].label, TABS[0].sort)}
      {tab(TABS[1].label, TABS[1].sort)}
      <View
        className={`sort-bar__tab ${priceActive ? 'sort-bar__tab--active' : ''}`}
        onClick={() => onSort(sort === 'price_asc' ? 'price_desc' : 'price_asc')}
      >
        <Text>价格</Text>
        <View className="sort-bar__arrows">
          <View className={`sort-bar__arrow sort-bar__arrow--up ${sort === 'price_asc' ? 'sort-bar__arrow--on' : ''}`} />
          <View className={`sort-bar__arrow sort-bar__arrow--down ${sort === 'price_desc' ? 'sort-bar__arrow--on' : ''}`} />
        </View>
      </View>
      {tab(TABS[2].label, TABS[2].sort)}
      <View className={`sort-bar__tab sort-bar__filter ${filtersActive ? 'sort-bar__tab--active' : ''}`} onClick={onFilter}>
        <Text>筛选</Text>
        <View className="sort-bar__funnel" />
      </View>
    </View>
  );
}
