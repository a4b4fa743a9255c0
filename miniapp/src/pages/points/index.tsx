import Taro, { usePullDownRefresh, useReachBottom } from '@tarojs/taro';
import { View } from '@tarojs/components';
import { StateView } from '../../components/StateView';
import { ListFooter } from '../../components/ListFooter';
import { openPage } from '../../utils/navigate';
import { LedgerItem } from './parts/LedgerItem';
import { PointsSummary } from './parts/PointsSummary';
import { usePointsLedger } from './usePointsLedger';
import './index.scss';
import { routes } from '../../routes';

export default function PointsPage() {
  const { state, balance, reload, loadMore } = usePointsLedger();

  usePullDownRefresh(() => {
    void reload().finally(() => Taro.stopPullDownRefresh());
  });
  useReachBottom(loadMore);

  return (
    <View className="points page-root">
      <PointsSummary balance={balance} />
      <View className="points__list card">
        {state.status === 'loading' && <StateView kind="loading" />}
        {state.status === 'error' && <StateView kind="error" message={state.message} onRetry={() => void reload()} />}
        {state.status === 'ready' && state.items.length === 0 && (
          <StateView
            kind="empty"
            title="暂无积分记录"
            description="下单完成或到店消费后，积分会自动到账"
            action={{ text: '去逛逛', onClick: () => openPage(routes.home()) }}
          />
        )}
        {state.status === 'ready' && state.items.length > 0 && (
          <>
            {state.items.map((entry) => (
              <LedgerItem key={entry.id} entry={entry} />
            ))}
            <ListFooter more={state.more} hasMore={state.nextCursor !== null} onMore={loadMore} />
          </>
        )}
      </View>
    </View>
  );
}
