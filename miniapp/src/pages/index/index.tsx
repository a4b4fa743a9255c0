import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { View } from '@tarojs/components'
import { StateView } from '../../components/StateView'
import { useShare } from '../../platform/share'
import { Banner } from './parts/Banner'
import { CategoryShortcuts } from './parts/CategoryShortcuts'
import { FlashSaleSection } from './parts/FlashSaleSection'
import { GroupBuySection } from './parts/GroupBuySection'
import { HotProducts } from './parts/HotProducts'
import { LiveSection } from './parts/LiveSection'
import { SearchBar } from './parts/SearchBar'
import { useHomeFeed, type HomeFeed } from './useHomeFeed'
import './index.scss'

export default function HomePage() {
  const { state, reload } = useHomeFeed()

  usePullDownRefresh(() => {
    void reload().finally(() => Taro.stopPullDownRefresh())
  })
  useShare(() => ({ title: '悦享生活 · 线上下单，门店自提', path: '/pages/index/index' }))

  return (
    <View className='home page-root'>
      <View className='home__hero'>
        <SearchBar />
        <Banner />
      </View>
      <View className='home__body'>
        {state.status === 'loading' && <StateView kind='loading' />}
        {state.status === 'error' && <StateView kind='error' onRetry={() => void reload()} />}
        {state.status === 'ready' && <Feed feed={state.feed} onStale={() => void reload()} />}
      </View>
    </View>
  )
}

/** The data-driven sections; each is left out while it has nothing to show. */
function Feed({ feed, onStale }: { feed: HomeFeed; onStale: () => void }) {
  const isEmpty = Object.values(feed).every((list) => list.length === 0)
  if (isEmpty) {
    return <StateView kind='empty' title='店铺正在上新' description='新品很快就到，晚点再来看看吧' />
  }
  return (
    <>
      {feed.categories.length > 0 && <CategoryShortcuts categories={feed.categories} />}
      {feed.flashSales.length > 0 && <FlashSaleSection sales={feed.flashSales} onRoundChange={onStale} />}
      {feed.groupBuys.length > 0 && <GroupBuySection campaigns={feed.groupBuys} />}
      {feed.lives.length > 0 && <LiveSection rooms={feed.lives} />}
      {feed.hotProducts.length > 0 && <HotProducts products={feed.hotProducts} />}
    </>
  )
}
