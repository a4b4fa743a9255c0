import { Text, View } from '@tarojs/components';
import { ProductGridSkeleton } from '../../../components/Skeleton';
import { ProductSummaryCard } from '../../../components/ProductCard';
import { useProductList } from '../../../hooks/useProductList';
import type { ProductQuery } from '../../../services/catalog';

const PICKS = 6;

/**
 * 猜你喜欢 under an empty result: the best sellers (GET /api/products sorted by sales), of the
 * category the page lists when there is one, else of the whole shop — what other customers buy
 * most is the likeliest next tap for someone whose word found nothing. Left out if it cannot load.
 */
export function GuessYouLike({ categoryId }: { categoryId?: number }) {
  const query: ProductQuery = categoryId ? { sort: 'sales', categoryId } : { sort: 'sales' };
  const { state } = useProductList(query, PICKS);
  if (state.status === 'error' || (state.status === 'ready' && state.items.length === 0)) return null;
  return (
    <View className="guess-like">
      <View className="guess-like__head">
        <View className="guess-like__line" />
        <Text className="guess-like__title">猜你喜欢</Text>
        <View className="guess-like__line" />
      </View>
      {state.status === 'ready' ? (
        <View className="search-results__grid">
          {state.items.map((product) => (
            <ProductSummaryCard key={product.id} product={product} />
          ))}
        </View>
      ) : (
        <ProductGridSkeleton count={PICKS} />
      )}
    </View>
  );
}
