import { useDidShow } from '@tarojs/taro';
import { View } from '@tarojs/components';
import { useState } from 'react';
import { StateView } from '../../components/StateView';
import { takeFocusedCategory } from '../../stores/categoryFocus';
import { ChildGrid } from './parts/ChildGrid';
import { ParentRail } from './parts/ParentRail';
import { useCategories } from './useCategories';
import './index.scss';

export default function CategoryPage() {
  const { state, reload } = useCategories();
  const [chosenId, setChosenId] = useState<number | null>(null);

  // A shortcut tapped on the home page decides which parent we open on.
  useDidShow(() => {
    const focused = takeFocusedCategory();
    if (focused !== null) setChosenId(focused);
  });

  if (state.status === 'loading') return <StateView kind="loading" />;
  if (state.status === 'error') return <StateView kind="error" message={state.message} onRetry={reload} />;
  if (state.categories.length === 0) {
    return <StateView kind="empty" title="暂无分类" description="商品正在上架中，晚点再来看看吧" />;
  }

  const active = state.categories.find((parent) => parent.id === chosenId) ?? state.categories[0];
  return (
    <View className="category">
      <ParentRail parents={state.categories} activeId={active.id} onSelect={setChosenId} />
      <ChildGrid parent={active} />
    </View>
  );
}
