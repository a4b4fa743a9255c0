import { ScrollView, Text, View } from '@tarojs/components';
import { StateView } from '../../../components/StateView';
import { ListSkeleton } from '../../../components/Skeleton';
// ProductRow (Price) before ListFooter: the style order of components/README.md.
import { ProductRow } from './ProductRow';
import { ListFooter } from '../../../components/ListFooter';
import type { ProductList } from '../../../hooks/useProductList';
import type { Category, ProductSort } from '../../../services/catalog';

/** The sort tabs: 综合 leaves the order to the BFF (best sellers first). */
export type CategorySort = 'default' | ProductSort;

interface CategoryProductsProps {
  parent: Category;
  /** The chosen sub-category; null: 全部 (the parent and everything under it). */
  childId: number | null;
  onChild: (id: number | null) => void;
  sort: CategorySort;
  onSort: (sort: CategorySort) => void;
  list: ProductList;
}

/** The right pane: the chosen category's products, narrowed by sub-category chips and sorted, paging in as it scrolls. */
export function CategoryProducts({ parent, childId, onChild, sort, onSort, list }: CategoryProductsProps) {
  const { state, hasMore, loadMore, reload } = list;
  const priceOn = sort === 'price_asc' || sort === 'price_desc';
  const tab = (label: string, value: CategorySort) => (
    <View className={`category-sort__tab ${sort === value ? 'category-sort__tab--on' : ''}`} onClick={() => onSort(value)}>
      <Text>{label}</Text>
    </View>
  );
  const chip = (id: number | null, name: string) => (
    <View
      key={id ?? 'all'}
      className={`category-chips__chip ${childId === id ? 'category-chips__chip--on' : ''}`}
      onClick={() => onChild(id)}
    >
      <Text>{name}</Text>
    </View>
  );

  return (
    <View className="category-pane">
      <View className="category-pane__top">
        {parent.children.length > 0 && (
          <ScrollView scrollX className="category-chips" enableFlex>
            {chip(null, '全部')}
            {parent.children.map((child) => chip(child.id, child.name))}
          </ScrollView>
        )}
        <View className="category-sort">
          {tab('综合', 'default')}
          {tab('销量', 'sales')}
          <View
            className={`category-sort__tab ${priceOn ? 'category-sort__tab--on' : ''}`}
            onClick={() => onSort(sort === 'price_asc' ? 'price_desc' : 'price_asc')}
          >
            <Text>价格</Text>
            <View className="category-sort__arrows">
              <View className={`category-sort__arrow category-sort__arrow--up ${sort === 'price_asc' ? 'category-sort__arrow--on' : ''}`} />
              <View
                className={`category-sort__arrow category-sort__arrow--down ${sort === 'price_desc' ? 'category-sort__arrow--on' : ''}`}
              />
            </View>
          </View>
          {tab('新品', 'new')}
        </View>
      </View>
      <View className="category-pane__list">
        {(state.status === 'idle' || state.status === 'loading') && <ListSkeleton rows={5} flat action={false} />}
        {state.status === 'error' && <StateView kind="error" message={state.message} onRetry={() => void reload()} />}
        {state.status === 'ready' && state.items.length === 0 && (
          <StateView kind="empty" title="该分类暂无商品" description="新品正在路上，先去其他分类看看吧" />
        )}
        {state.status === 'ready' && state.items.length > 0 && (
          <>
            {state.items.map((product) => (
              <ProductRow key={product.id} product={product} />
            ))}
            <ListFooter plain more={state.more} hasMore={hasMore} onMore={loadMore} endText="没有更多商品了" />
          </>
        )}
      </View>
    </View>
  );
}
