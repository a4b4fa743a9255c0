import Taro, { usePullDownRefresh, useReachBottom } from '@tarojs/taro';
import { View } from '@tarojs/components';
import { StateView } from '../../components/StateView';
import { ListSkeleton } from '../../components/Skeleton';
// FavoriteRow (Price) before ListFooter: the style order of components/README.md.
import { FavoriteRow } from './parts/FavoriteRow';
import { ListFooter } from '../../components/ListFooter';
import { openPage } from '../../utils/navigate';
import { ensureSignedIn } from '../../utils/signin';
import { useFavorites } from './useFavorites';
import './index.scss';
import { routes } from '../../routes';

/** 我的收藏: the products I keep, newest first; tap to open, 取消收藏 to let go. */
export default function FavoritesPage() {
  const { state, removing, reload, loadMore, remove } = useFavorites();

  usePullDownRefresh(() => {
    void reload().finally(() => Taro.stopPullDownRefresh());
  });
  useReachBottom(loadMore);

  const goShopping = () => openPage(routes.home());
  return (
    <View className="favorites page-root">
      {state.status === 'signedOut' && (
        <StateView
          kind="empty"
          illustration="lock"
          title="登录后查看我的收藏"
          description="收藏的商品会保存在你的账号里"
          action={{
            text: '微信登录',
            onClick: () => void ensureSignedIn('登录后查看收藏的商品').then((ok) => (ok ? reload() : undefined)),
          }}
        />
      )}
      {state.status === 'loading' && <ListSkeleton rows={5} className="favorites__skeleton card" />}
      {state.status === 'error' && <StateView kind="error" message={state.message} onRetry={() => void reload()} />}
      {state.status === 'ready' && state.items.length === 0 && (
        <StateView
          kind="empty"
          title="还没有收藏的商品"
          description="在商品页点「收藏」，喜欢的好物都在这里"
          action={{ text: '去逛逛', onClick: goShopping }}
        />
      )}
      {state.status === 'ready' && state.items.length > 0 && (
        <>
          <View className="favorites__list card">
            {state.items.map((item) => (
              <FavoriteRow
                key={item.id}
                item={item}
                removing={removing === item.productId}
                onOpen={() => openPage(routes.product({ id: item.productId }))}
                onRemove={() => void remove(item)}
              />
            ))}
          </View>
          <ListFooter more={state.more} hasMore={state.nextCursor !== null} onMore={loadMore} endText="没有更多收藏了" plain />
        </>
      )}
    </View>
  );
}
