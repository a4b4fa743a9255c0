import Taro from '@tarojs/taro';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useDidShowAgain } from '../../hooks/useDidShowAgain';
import { pay } from '../../platform/pay';
import { errorMessage, isApiError } from '../../services/errors';
import { cancelOrder, getOrder, payOrder, requestRefund, type ShownOrder } from '../../services/order';
import { getStores, type Store } from '../../services/store';
import { addCartItem } from '../../services/cart';
import { cancelToast, newIdempotencyKey, refundToast } from '../../utils/checkout';
import { openPage } from '../../utils/navigate';
import { routes } from '../../routes';

export type OrderState = { status: 'loading' } | { status: 'error'; message: string } | { status: 'ready'; order: ShownOrder };

const POLL_EVERY_MS = 2000;
const POLL_FOR_MS = 60_000;

export interface OrderModel {
  state: OrderState;
  store: Store | null;
  /** Back from paying and the BFF has not confirmed it yet: 支付确认中…. */
  confirming: boolean;
  busy: boolean;
  reload: () => Promise<void>;
  payNow: () => void;
  cancel: () => void;
  refund: (reason: string) => Promise<boolean>;
  /** 再来一单: the order's lines back in the cart (priced afresh there), then the cart. */
  buyAgain: () => void;
}

/**
 * One order. After a payment the page asks the BFF every 2 s for up to a minute (the BFF also
 * asks WeChat when the notification is late); what the BFF says is the only proof of payment.
 */
export function useOrder(id: number, cameFromPayment: boolean): OrderModel {
  const [state, setState] = useState<OrderState>({ status: 'loading' });
  const [store, setStore] = useState<Store | null>(null);
  const [pollUntil, setPollUntil] = useState<number | null>(() => (cameFromPayment ? Date.now() + POLL_FOR_MS : null));
  const [busy, setBusy] = useState(false);
  const refundKey = useRef<string | null>(null);
  const storeId = state.status === 'ready' ? state.order.storeId : null;

  const reload = useCallback(async () => {
    try {
      const order = await getOrder(id, { silent: true });
      setState({ status: 'ready', order });
    } catch (error) {
      setState((previous) => (previous.status === 'ready' ? previous : { status: 'error', message: errorMessage(error) }));
    }
  }, [id]);

  useEffect(() => {
    void reload();
  }, [reload]);

  useDidShowAgain(() => void reload());

  useEffect(() => {
    if (storeId === null) return;
    getStores({}, { silent: true }).then(
      (stores) => setStore(stores.find((s) => s.id === storeId) ?? null),
      () => undefined,
    );
  }, [storeId]);

  // Poll while unpaid within the window; stop as soon as the order moves on.
  const pending = state.status === 'ready' && state.order.status === 'pending_payment';
  const loaded = state.status === 'ready';
  useEffect(() => {
    if (pollUntil === null) return;
    if (loaded && !pending) {
      setPollUntil(null);
      return;
    }
    const timer = setInterval(() => {
      if (Date.now() >= pollUntil) setPollUntil(null);
      else void reload();
    }, POLL_EVERY_MS);
    return () => clearInterval(timer);
  }, [pollUntil, loaded, pending, reload]);

  const payNow = useCallback(() => {
    if (busy) return;
    setBusy(true);
    void (async () => {
      try {
        const { order, payment } = await payOrder(id);
        setState({ status: 'ready', order });
        if (!payment) {
          void Taro.showToast({ title: '支付暂不可用，请稍后重试', icon: 'none' });
          return;
        }
        try {
          await pay(payment);
        } catch (error) {
          void Taro.showToast({ title: errorMessage(error), icon: 'none' });
          return;
        }
        setPollUntil(Date.now() + POLL_FOR_MS);
        await reload();
      } catch (error) {
        // Already toasted by the wrapper; past the deadline the order has closed meanwhile.
        if (isApiError(error) && error.code === 'ORDER_PAY_EXPIRED') await reload();
      } finally {
        setBusy(false);
      }
    })();
  }, [busy, id, reload]);

  const cancel = useCallback(() => {
    void Taro.showModal({
      title: '取消订单',
      content: '确定要取消这个订单吗？',
      confirmText: '取消订单',
      cancelText: '再想想',
      confirmColor: '#e93b3d',
    }).then(async ({ confirm }) => {
      if (!confirm) return;
      setBusy(true);
      try {
        // A payment may have won the race: then the order is paid and goes on (shown by the reload).
        const { result } = await cancelOrder(id);
        void Taro.showToast({ title: cancelToast(result), icon: 'none', duration: 2500 });
      } catch {
        // toasted
      } finally {
        await reload();
        setBusy(false);
      }
    });
  }, [id, reload]);

  const refund = useCallback(
    async (reason: string): Promise<boolean> => {
      setBusy(true);
      refundKey.current ??= newIdempotencyKey();
      try {
        const result = await requestRefund(id, { reason }, refundKey.current);
        refundKey.current = null;
        void Taro.showToast({ title: refundToast(result.status), icon: 'none', duration: 2500 });
        await reload();
        return true;
      } catch (error) {
        // A refusal (4xx) will not change on retry with the same key; a lost connection may.
        if (isApiError(error) && error.status > 0) refundKey.current = null;
        return false;
      } finally {
        setBusy(false);
      }
    },
    [id, reload],
  );

  const buyAgain = useCallback(() => {
    if (state.status !== 'ready' || busy) return;
    const { order } = state;
    setBusy(true);
    void (async () => {
      const refused: string[] = [];
      let added = 0;
      // One line at a time: the cart answers each with its own reason (下架, 无货 …).
      for (const item of order.items) {
        try {
          await addCartItem({ skuId: item.skuId, qty: item.qty }, order.storeId, { silent: true });
          added += 1;
        } catch (error) {
          refused.push(`${item.title}（${errorMessage(error)}）`);
        }
      }
      setBusy(false);
      if (refused.length > 0) {
        await Taro.showModal({
          title: added > 0 ? '部分商品未能加入购物车' : '商品暂时无法购买',
          content: refused.join('\n'),
          showCancel: false,
          confirmText: added > 0 ? '去购物车' : '知道了',
        });
      } else {
        void Taro.showToast({ title: '已加入购物车', icon: 'success' });
      }
      if (added > 0) openPage(routes.cart());
    })();
  }, [state, busy]);

  return {
    buyAgain,
    state,
    store,
    confirming: pollUntil !== null && (state.status !== 'ready' || pending),
    busy,
    reload,
    payNow,
    cancel,
    refund,
  };
}
