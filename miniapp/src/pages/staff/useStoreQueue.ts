import Taro, { useDidShow } from '@tarojs/taro';
import { useCallback, useEffect, useRef, useState } from 'react';
import { errorMessage, isApiError } from '../../services/errors';
import { getStoreQueue, markOrderReady, type QueueFilter, type StaffOrder } from '../../services/staff';
import { customerLabel } from '../../utils/pickup';

export type QueueListState = { status: 'loading' } | { status: 'error'; message: string } | { status: 'ready'; items: StaffOrder[] };

export const QUEUE_FILTERS: QueueFilter[] = ['preparing', 'ready_for_pickup', 'picked_up_today', 'flagged'];

const LOADING: Record<QueueFilter, QueueListState> = {
  preparing: { status: 'loading' },
  ready_for_pickup: { status: 'loading' },
  picked_up_today: { status: 'loading' },
  flagged: { status: 'loading' },
};

/**
 * The store's work lists (and its flagged orders), all read together so every tab shows its count; read again on
 * pull-down, when the page shows again, and after each 备货完成.
 */
export function useStoreQueue(storeId: number) {
  const [lists, setLists] = useState<Record<QueueFilter, QueueListState>>(LOADING);
  const [busyId, setBusyId] = useState<number | null>(null);
  const generation = useRef(0);

  const reload = useCallback(
    async (keep = false) => {
      const current = ++generation.current;
      if (!keep) setLists(LOADING);
      await Promise.all(
        QUEUE_FILTERS.map(async (filter) => {
          let next: QueueListState;
          try {
            next = { status: 'ready', items: await getStoreQueue(storeId, filter, { silent: true }) };
          } catch (error) {
            next = { status: 'error', message: errorMessage(error) };
          }
          if (current !== generation.current) return;
          // A refresh that fails keeps what is on screen.
          setLists((previous) => ({
            ...previous,
            [filter]: keep && next.status === 'error' && previous[filter].status === 'ready' ? previous[filter] : next,
          }));
        }),
      );
    },
    [storeId],
  );

  useEffect(() => {
    void reload();
  }, [reload]);
  useDidShow(() => void reload(true));

  const markReady = useCallback(
    (order: StaffOrder) => {
      void Taro.showModal({
        title: '备货完成',
        content: `确认 ${customerLabel(order.customer)} 的商品已备齐？确认后顾客将收到取货通知和取货码。`,
        confirmText: '备货完成',
        cancelText: '再等等',
        confirmColor: '#e93b3d',
      }).then(async ({ confirm }) => {
        if (!confirm) return;
        setBusyId(order.id);
        try {
          await markOrderReady(order.id, { silent: true });
          void Taro.showToast({ title: '已通知顾客取货', icon: 'success' });
        } catch (error) {
          // Someone else finished it first (409) or it was refunded meanwhile: the list tells the truth.
          const message = isApiError(error) && error.code === 'ORDER_NOT_PREPARING' ? error.message : errorMessage(error);
          void Taro.showToast({ title: message, icon: 'none', duration: 2500 });
        } finally {
          setBusyId(null);
          await reload(true);
        }
      });
    },
    [reload],
  );

  return { lists, busyId, reload, markReady };
}
