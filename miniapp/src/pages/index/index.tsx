import Taro, { usePullDownRefresh, useReachBottom } from '@tarojs/taro';
import { View } from '@tarojs/components';
import { StateView } from '../../components/StateView';
import { HomeSkeleton } from './parts/HomeSkeleton';
import { useProductList } from '../../hooks/useProductList';
import { useShare } from '../../platform/share';
import { Banner } from './parts/Banner';
import { CategoryShortcuts } from './parts/CategoryShortcuts';
import { CouponEntry } from './parts/CouponEntry';
import { FlashSaleSection } from './parts/FlashSaleSection';
import { GroupBuySection } from './parts/GroupBuySection';
import { HotProducts } from './parts/HotProducts';
import { LiveSection } from './parts/LiveSection';
import { SearchBar } from './parts/SearchBar';
import { useHomeFeed } from './useHomeFeed';
import './index.scss';
import { routes } from '../../routes';

const BEST_SELLERS = { sort: 'sales' } as const;
const HOT_PAGE_SIZE = 10;

export default function HomePage() {
  const { state, reload } = useHomeFeed();
  const hot = useProductList(BEST_SELLERS, HOT_PAGE_SIZE);
  const feed = state.status === 'ready' ? state.feed : null;

  usePullDownRefresh(() => {
    void Promise.all([reload(), hot.reload()]).finally(() => Taro.stopPullDownRefresh());
  });
  // 热销商品 runs on below the sections: the next page loads as the customer nears the end.
  useReachBottom(hot.loadMore);
  useShare(() => ({ title: '悦享生活 · 线上下单，门店自提', path: routes.home() }));

  const hotItems = hot.state.status === 'ready' ? hot.state.items : [];
  const sectionsEmpty = !feed || Object.values(feed).every((list) => list.length === 0);
  const nothingAtAll = state.status === 'ready' && sectionsEmpty && hot.state.status === 'ready' && hotItems.length === 0;

  return (
    <View className="home page-root">
      <View className="home__hero">
        <SearchBar />
        <Banner flashSales={feed?.flashSales ?? []} groupBuys={feed?.groupBuys ?? []} lives={feed?.lives ?? []} />
      </View>
      <View className="home__body">
        {state.status === 'loading' && <HomeSkeleton />}
        {state.status === 'error' && hot.state.status !== 'ready' && (
          <StateView kind="error" onRetry={() => void Promise.all([reload(), hot.reload()])} />
        )}
        {nothingAtAll && <StateView kind="empty" title="店铺正在上新" description="新品很快就到，晚点再来看看吧" />}
        {feed && (
          <>
            {feed.categories.length > 0 && <CategoryShortcuts categories={feed.categories} />}
            <CouponEntry />
            {feed.flashSales.length > 0 && <FlashSaleSection sales={feed.flashSales} onRoundChange={() => void reload()} />}
            {feed.groupBuys.length > 0 && <GroupBuySection campaigns={feed.groupBuys} />}
            {feed.lives.length > 0 && <LiveSection rooms={feed.lives} />}
          </>
        )}
        {(state.status === 'ready' || hot.state.status === 'ready') && <HotProducts list={hot} />}
      </View>
    </View>
  );
}
