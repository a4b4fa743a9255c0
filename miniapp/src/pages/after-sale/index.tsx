import Taro, { useDidShow, usePullDownRefresh, useReachBottom } from '@tarojs/taro';
import { View } from '@tarojs/components';
import { useCallback, useRef, useState } from 'react';
import { StateView } from '../../components/StateView';
import { ListSkeleton } from '../../components/Skeleton';
import { ListFooter } from '../../components/ListFooter';
import { getMyAfterSales, type AfterSale } from '../../services/aftersale';
import { errorMessage } from '../../services/errors';
import { routes } from '../../routes';
import { openPage } from '../../utils/navigate';
import { AfterSaleCard } from './parts/AfterSaleCard';
import './after-sale.scss';

const PAGE_SIZE = 20;

type State =
  | { status: 'loading' }
  | { status: 'error'; message: string }
  | { status: 'ready'; items: AfterSale[]; total: number; page: number; more: 'idle' | 'loading' | 'error' };

/** 退款/售后 in 我的: every after-sale request of mine, newest first. */
export default function AfterSaleListPage() {
  const [state, setState] = useState<State>({ status: 'loading' });
  const loaded = useRef(false);

  const load = useCallback(async (quiet = false) => {
    if (!quiet) setState({ status: 'loading' });
    try {
      const page = await getMyAfterSales({ page: 1, pageSize: PAGE_SIZE }, { silent: true });
      setState({ status: 'ready', items: page.items, total: page.total, page: 1, more: 'idle' });
    } catch (error) {
      setState({ status: 'error', message: errorMessage(error) });
    }
  }, []);

  // Back from a request or its detail: statuses may have moved.
  useDidShow(() => {
    void load(loaded.current);
    loaded.current = true;
  });
  usePullDownRefresh(() => {
    void load(true).finally(() => Taro.stopPullDownRefresh());
  });

  const loadMore = useCallback(async () => {
    if (state.status !== 'ready' || state.more === 'loading' || state.items.length >= state.total) return;
    setState({ ...state, more: 'loading' });
    try {
      const next = await getMyAfterSales({ page: state.page + 1, pageSize: PAGE_SIZE }, { silent: true });
      setState({ ...state, items: [...state.items, ...next.items], total: next.total, page: state.page + 1, more: 'idle' });
    } catch {
      setState({ ...state, more: 'error' });
    }
  }, [state]);
  useReachBottom(() => void loadMore());

  return (
    <View className="as-list page-root">
      {state.status === 'loading' && <ListSkeleton rows={4} className="as-list__skeleton" />}
      {state.status === 'error' && <StateView kind="error" message={state.message} onRetry={() => void load()} />}
      {state.status === 'ready' && state.items.length === 0 && (
        <StateView
          kind="empty"
          title="暂无售后申请"
          description="提货后 7 天内，可在订单详情中申请退货退款或换货"
          action={{ text: '查看我的订单', onClick: () => openPage(routes.orders({ status: 'completed' })) }}
        />
      )}
      {state.status === 'ready' && state.items.length > 0 && (
        <View className="as-list__items">
          {state.items.map((item) => (
            <AfterSaleCard key={item.id} afterSale={item} onClick={() => openPage(routes.afterSale({ id: item.id }))} />
          ))}
          <ListFooter
            plain
            more={state.more}
            hasMore={state.items.length < state.total}
            onMore={() => void loadMore()}
            endText="没有更多了"
          />
        </View>
      )}
    </View>
  );
}
