import { Text, View } from '@tarojs/components';
import { StateView } from '../../../components/StateView';
import { ProductGridSkeleton } from '../../../components/Skeleton';
import { ProductSummaryCard } from '../../../components/ProductCard';
import { ListFooter } from '../../../components/ListFooter';
import type { ProductList } from '../../../hooks/useProductList';
import { GuessYouLike } from './GuessYouLike';

interface ResultGridProps {
  list: ProductList;
  /** The category the page lists, if any. */
  categoryId: number | null;
  /** The category's name, shown before the count (H5 has no navigation bar to carry it). */
  title?: string;
  filtersActive: boolean;
  onClearFilters: () => void;
}

/** The results: two-column tiles that page in as the customer scrolls, or why there are none. */
export function ResultGrid({ list, categoryId, title, filtersActive, onClearFilters }: ResultGridProps) {
  const { state, hasMore, loadMore, reload } = list;
  if (state.status === 'idle' || state.status === 'loading') {
    return (
      <View className="search-results">
        <View className="search-results__count search-results__count--placeholder" />
        <ProductGridSkeleton count={6} />
      </View>
    );
  }
  if (state.status === 'error') return <StateView kind="error" message={state.message} onRetry={() => void reload()} />;
  if (state.items.length === 0) {
    const inCategory = categoryId !== null;
    return (
      <View className="search-empty">
        {filtersActive ? (
          <StateView
            kind="empty"
            title="没有符合条件的商品"
            description="换个品牌或价格区间试试"
            action={{ text: '清除筛选', onClick: onClearFilters }}
          />
        ) : inCategory ? (
          <StateView kind="empty" title="该分类暂无商品" description="新品正在路上，先去其他分类看看吧" />
        ) : (
          <StateView kind="empty" title="没有找到相关商品，换个词试试" description="也可以用拼音或首字母搜索，如 lyq" />
        )}
        {/* Filters emptied a category that has products: its best sellers; otherwise the shop's. */}
        <GuessYouLike categoryId={filtersActive && categoryId !== null ? categoryId : undefined} />
      </View>
    );
  }
  return (
    <View className="search-results">
      <Text className="search-results__count">
        {title ? `${title} · ` : ''}共 {state.total} 件商品
      </Text>
      <View className="search-results__grid">
        {state.items.map((product) => (
          <ProductSummaryCard key={product.id} product={product} />
        ))}
      </View>
      <ListFooter plain more={state.more} hasMore={hasMore} onMore={loadMore} endText="没有更多商品了" />
    </View>
  );
}
