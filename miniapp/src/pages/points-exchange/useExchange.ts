import Taro from '@tarojs/taro';
import { useCallback, useRef, useState } from 'react';
import { usePageData } from '../../hooks/usePageData';
import { isApiError } from '../../services/errors';
import { exchangePoints, getExchangeList, type ExchangeItem } from '../../services/coupon';
import { newIdempotencyKey } from '../../utils/checkout';

const fetchList = () => getExchangeList({ silent: true });

/**
 * 积分兑换: the balance and what it buys; 兑换 asks first, then spends under one Idempotency-Key
 * per confirmed tap (a retry after a lost answer gets the same coupon, never a second debit).
 */
export function useExchange() {
  const { state, refresh, reload } = usePageData(fetchList);
  const [busyId, setBusyId] = useState<number | null>(null);
  const pending = useRef<{ itemId: number; key: string } | null>(null);

  const exchange = useCallback(
    async (item: ExchangeItem) => {
      if (busyId !== null) return;
      const { confirm } = await Taro.showModal({
        title: '确认兑换',
        content: `使用 ${item.pointsCost} 积分兑换「${item.name}」？兑换后不可退回`,
        confirmText: '兑换',
        cancelText: '再想想',
        confirmColor: '#e93b3d',
      });
      if (!confirm) return;
      if (pending.current?.itemId !== item.id) pending.current = { itemId: item.id, key: newIdempotencyKey() };
      setBusyId(item.id);
      try {
        const done = await exchangePoints(item.id, pending.current.key);
        pending.current = null;
        void Taro.showToast({ title: `兑换成功，剩余 ${done.pointsBalance} 积分`, icon: 'none', duration: 2500 });
        await refresh();
      } catch (error) {
        // A refusal (积分不足, 已兑完) will not change with the same key; a lost answer keeps it.
        if (isApiError(error) && error.status > 0) {
          pending.current = null;
          void refresh();
        }
      } finally {
        setBusyId(null);
      }
    },
    [busyId, refresh],
  );

  return { state, busyId, exchange, refresh, reload };
}
