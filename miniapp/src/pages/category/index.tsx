import Taro, { useDidShow, usePullDownRefresh, useReachBottom } from '@tarojs/taro';
import { View } from '@tarojs/components';
import { useEffect, useMemo, useState } from 'react';
import { StateView } from '../../components/StateView';
import { ListSkeleton, SkeletonBlock } from '../../components/Skeleton';
import { useProductList } from '../../hooks/useProductList';
import type { ProductQuery } from '../../services/catalog';
import { takeFocusedCategory } from '../../stores/categoryFocus';
// CategoryProducts first: shared components keep one import order across pages (components/README.md).
import { CategoryProducts, type CategorySort } from './parts/CategoryProducts';
import { ParentRail } from './parts/ParentRail';
import { useCategories } from './useCategories';
import './index.scss';

const PAGE_SIZE = 20;

/**
 * 分类: top-level categories down the left; on the right the chosen one's products (its
 * sub-categories as chips, sort tabs), paging in as the page scrolls, pull-down to refresh.
 */
export default function CategoryPage() {
  const { state, reload } = useCategories();
  const [chosenId, setChosenId] = useState<number | null>(null);
  const [childId, setChildId] = useState<number | null>(null);
  const [sort, setSort] = useState<CategorySort>('default');

  // A shortcut tapped on the home page decides which parent we open on.
  useDidShow(() => {
    const focused = takeFocusedCategory();
    if (focused !== null) {
      setChosenId(focused);
      setChildId(null);
    }
  });

  const parents = state.status === 'ready' ? state.categories : [];
  const active = parents.find((parent) => parent.id === chosenId) ?? parents[0] ?? null;
  const query = useMemo<ProductQuery | null>(
    () => (active ? { categoryId: childId ?? active.id, sort: sort === 'default' ? undefined : sort } : null),
    [active, childId, sort],
  );
  const list = useProductList(query, PAGE_SIZE);

  // Another category or sort starts at the top of its list.
  useEffect(() => {
    void Taro.pageScrollTo({ scrollTop: 0, duration: 0 }).catch(() => undefined);
  }, [query]);

  usePullDownRefresh(() => {
    const done = () => Taro.stopPullDownRefresh();
    if (state.status !== 'ready') reload();
    void list.reload().finally(done);
  });
  useReachBottom(list.loadMore);

  if (state.status === 'loading') {
    return (
      <View className="category">
        <View className="category-rail">
          {Array.from({ length: 8 }, (_, index) => (
            <View key={index} className="category-rail__item">
              <SkeletonBlock width={96} height={28} />
            </View>
          ))}
        </View>
        <View className="category-pane category-pane--loading">
          <CategoryProductsSkeleton />
        </View>
      </View>
    );
  }
  if (state.status === 'error') return <StateView kind="error" message={state.message} onRetry={reload} />;
  if (!active) return <StateView kind="empty" title="暂无分类" description="商品正在上架中，晚点再来看看吧" />;

  return (
    <View className="category">
      <ParentRail
        parents={parents}
        activeId={active.id}
        onSelect={(id) => {
          setChosenId(id);
          setChildId(null);
        }}
      />
      <CategoryProducts parent={active} childId={childId} onChild={setChildId} sort={sort} onSort={setSort} list={list} />
    </View>
  );
}

/** The pane while the tree loads: chips and rows in outline. */
function CategoryProductsSkeleton() {
  return (
    <>
      <View className="category-pane__top category-pane__top--skeleton">
        {Array.from({ length: 3 }, (_, index) => (
          <SkeletonBlock key={index} width={112} height={52} shape="pill" />
        ))}
      </View>
      <View className="category-pane__list">
        <ListSkeleton rows={5} flat action={false} />
      </View>
    </>
  );
}
