import { View } from '@tarojs/components';
import { ProductGridSkeleton } from '../../../components/Skeleton';
import { ProductSummaryCard } from '../../../components/ProductCard';
import { ListFooter } from '../../../components/ListFooter';
import { SectionHeader } from '../../../components/SectionHeader';
import { StateView } from '../../../components/StateView';
import type { ProductList } from '../../../hooks/useProductList';

/** 热销商品: best sellers in a two-column grid that keeps loading as the page scrolls. */
export function HotProducts({ list }: { list: ProductList }) {
  const { state, hasMore, loadMore, reload } = list;
  if (state.status === 'idle' || (state.status === 'ready' && state.items.length === 0)) return null;
  return (
    <View className="home-hot">
      <SectionHeader title="热销商品" extra={<View className="home-section__hint">大家都在买</View>} />
      {state.status === 'loading' && <ProductGridSkeleton count={4} />}
      {state.status === 'error' && <StateView kind="error" message={state.message} onRetry={() => void reload()} />}
      {state.status === 'ready' && (
        <>
          <View className="home-hot__grid">
            {state.items.map((product) => (
              <ProductSummaryCard key={product.id} product={product} />
            ))}
          </View>
          <ListFooter plain more={state.more} hasMore={hasMore} onMore={loadMore} endText="已经到底了，去分类看看吧" />
        </>
      )}
    </View>
  );
}
