import Taro, { useDidShow } from '@tarojs/taro';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { pay } from '../../platform/pay';
import { askSubscribe } from '../../platform/subscribe';
import { getCart, removeCartItems } from '../../services/cart';
import { errorMessage, isApiError } from '../../services/errors';
import { createOrder, getOrder, quote as fetchQuote, type OrderItemInput, type Quote } from '../../services/order';
import { getStores } from '../../services/store';
import { getPickupChoice, setPickupStore, type PickupStore } from '../../stores/pickupStore';
import { checkoutActivity, isMainlandMobile, newIdempotencyKey, type CheckoutSource } from '../../utils/checkout';
import { groupPageUrl } from '../../utils/group';
import { routes } from '../../routes';

export type PickupSlot = Quote['pickup']['slots'][number];

export type CheckoutState =
  | { status: 'loading' }
  | { status: 'error'; message: string }
  | { status: 'empty' }
  /** The BFF will not sell this (an activity sold out, not started, the group full …): its reason. */
  | { status: 'refused'; message: string }
  | { status: 'ready'; quote: Quote };

export interface CheckoutModel {
  state: CheckoutState;
  store: PickupStore | null;
  /** A new quote is on its way (store or coupon changed); the old one stays on screen. */
  quoting: boolean;
  submitting: boolean;
  items: OrderItemInput[];
  /** undefined: the best coupon (the BFF's choice); null: none; a number: that coupon. */
  couponId: number | null | undefined;
  remark: string;
  setRemark: (remark: string) => void;
  /** 提货人手机号 as typed; null: not touched, the member's own number (the quote's, masked) is used. */
  phone: string | null;
  setPhone: (phone: string | null) => void;
  /** The chosen 自提时间 (one of the quote's slots); null when the store offers none. */
  slot: PickupSlot | null;
  setSlot: (slot: PickupSlot) => void;
  /** 拼团 orders are collected once the group fills, so no slot is chosen for them. */
  withSlot: boolean;
  chooseCoupon: (couponId: number | null) => void;
  reload: () => void;
  submit: () => void;
}

/**
 * The items to buy: the one SKU of 立即购买 or of an activity (拼团, 秒杀), or the cart's ticked
 * lines that can still be had.
 */
async function loadItems(source: CheckoutSource, storeId: number | null): Promise<OrderItemInput[]> {
  if (source.from !== 'cart') return [{ skuId: source.skuId, qty: source.qty }];
  const cart = await getCart(storeId, { silent: true });
  return cart.items
    .filter((line) => line.selected && line.state !== 'off_shelf' && line.state !== 'out_of_stock')
    .map((line) => ({ skuId: line.skuId, qty: line.qty }));
}

/** The remembered pickup store, or (first visit) the first store that has all the items. */
async function defaultStore(items: OrderItemInput[]): Promise<PickupStore | null> {
  const chosen = getPickupChoice()?.store;
  if (chosen) return chosen;
  const stores = await getStores({ skuIds: items.map((item) => item.skuId), qty: items.map((item) => item.qty) }, { silent: true });
  const pick = stores.find((store) => store.inStock !== false) ?? stores[0];
  if (pick) setPickupStore(pick, false);
  return pick ?? null;
}

/**
 * 确认订单: the server's quote for the items at the pickup store with the chosen coupon (and the
 * activity they are bought under), asked again whenever either changes, and the submit (create
 * the order, pay, then open the order — or, for a 拼团, the group, to invite friends).
 */
export function useCheckout(source: CheckoutSource): CheckoutModel {
  // The page memoizes `source` on its router params, so it (and the activity) is fixed for the page.
  const activity = useMemo(() => checkoutActivity(source), [source]);
  const [state, setState] = useState<CheckoutState>({ status: 'loading' });
  const [store, setStore] = useState<PickupStore | null>(null);
  const [items, setItems] = useState<OrderItemInput[]>([]);
  const [couponId, setCouponId] = useState<number | null | undefined>(undefined);
  const [quoting, setQuoting] = useState(false);
  const [submitting, setSubmitting] = useState(false);
  const [remark, setRemark] = useState('');
  const [phone, setPhone] = useState<string | null>(null);
  const [chosenSlot, setSlot] = useState<PickupSlot | null>(null);
  const withSlot = source.from !== 'group';
  const latest = useRef(0);
  // One key per checkout attempt; a retry of the same submit sends it again (see submit).
  const attemptKey = useRef<string | null>(null);
  const submittingRef = useRef(false);

  const requote = useCallback(
    async (forItems: OrderItemInput[], atStore: PickupStore | null, coupon: number | null | undefined) => {
      const call = ++latest.current;
      attemptKey.current = null;
      if (forItems.length === 0) {
        setState({ status: 'empty' });
        return;
      }
      if (!atStore) {
        setState({ status: 'error', message: '暂无可自提的门店' });
        return;
      }
      setQuoting(true);
      try {
        const result = await fetchQuote(
          {
            items: forItems,
            fulfillment: { type: 'pickup', storeId: atStore.id },
            ...(coupon === undefined ? {} : { couponId: coupon }),
            ...(activity ? { activity } : {}),
          },
          { silent: true },
        );
        if (call === latest.current) setState({ status: 'ready', quote: result });
      } catch (error) {
        if (call !== latest.current) return;
        setState((previous) => {
          if (previous.status === 'ready') {
            void Taro.showToast({ title: errorMessage(error), icon: 'none', duration: 2500 });
            return previous;
          }
          // A business refusal (sold out, not started, group full …) will not change on retry.
          if (isApiError(error) && error.status >= 400 && error.status < 500 && error.status !== 401) {
            return { status: 'refused', message: errorMessage(error) };
          }
          return { status: 'error', message: errorMessage(error) };
        });
      } finally {
        if (call === latest.current) setQuoting(false);
      }
    },
    [activity],
  );

  const start = useCallback(async () => {
    setState({ status: 'loading' });
    try {
      const chosen = getPickupChoice()?.store ?? null;
      const loaded = await loadItems(source, chosen?.id ?? null);
      const atStore = loaded.length > 0 ? await defaultStore(loaded) : chosen;
      setItems(loaded);
      setStore(atStore);
      await requote(loaded, atStore, undefined);
    } catch (error) {
      setState({ status: 'error', message: errorMessage(error) });
    }
  }, [source, requote]);

  useEffect(() => {
    void start();
  }, [start]);

  // Back from the store picker: quote again at the store chosen there.
  useDidShow(() => {
    const chosen = getPickupChoice()?.store ?? null;
    if (!chosen || !store || chosen.id === store.id) return;
    setStore(chosen);
    void requote(items, chosen, couponId);
  });

  const chooseCoupon = useCallback(
    (next: number | null) => {
      setCouponId(next);
      void requote(items, store, next);
    },
    [items, store, requote],
  );

  // The chosen slot while the latest quote still offers it, else the earliest one (a new store, time passing).
  const offered = state.status === 'ready' ? state.quote.pickup.slots : [];
  const slot = withSlot
    ? (offered.find((s) => chosenSlot && s.start === chosenSlot.start && s.end === chosenSlot.end) ?? offered[0] ?? null)
    : null;

  const submit = useCallback(() => {
    if (state.status !== 'ready' || !store || submittingRef.current) return;
    // Optional (the member's own number, or none); a number typed must be a mainland mobile.
    const typed = phone?.trim() ?? '';
    if (typed && !isMainlandMobile(typed)) {
      void Taro.showToast({ title: '请输入正确的手机号', icon: 'none' });
      return;
    }
    const pickup = { ...(typed ? { phone: typed } : {}), ...(slot ? { slot: { start: slot.start, end: slot.end } } : {}) };
    submittingRef.current = true;
    setSubmitting(true);
    attemptKey.current ??= newIdempotencyKey();
    const key = attemptKey.current;
    const trimmed = remark.trim();
    const sharerId = source.from === 'group' || source.from === 'flash' ? source.sharerId : null;
    // WeChat's consent dialog opens only inside this tap (docs/architecture.md#subscribe-message-consent).
    const consent = askSubscribe(source.from === 'group' ? (source.groupId ? 'group_join' : 'group_start') : 'order_submitted');
    void (async () => {
      let orderId: number | null = null;
      try {
        await consent;
        const created = await createOrder(
          {
            items,
            fulfillment: { type: 'pickup', storeId: store.id },
            ...(couponId === undefined ? {} : { couponId }),
            ...(trimmed ? { remark: trimmed } : {}),
            ...(activity ? { activity } : {}),
            ...(sharerId !== null ? { sharerId } : {}),
            ...(Object.keys(pickup).length ? { pickup } : {}),
          },
          key,
        );
        orderId = created.order.id;
        if (source.from === 'cart') {
          // Bought lines leave the cart in one call, whose answer sets the tab-bar badge (best
          // effort: a failure only leaves them there).
          await removeCartItems(
            items.map((item) => item.skuId),
            store.id,
            { silent: true },
          ).catch(() => undefined);
        }
        if (!created.payment) {
          void Taro.showToast({ title: created.paymentError?.message ?? '支付暂不可用，请稍后在订单中支付', icon: 'none', duration: 2500 });
          await Taro.redirectTo({ url: routes.order({ id: orderId }) });
          return;
        }
        let paid = true;
        try {
          await pay(created.payment);
        } catch {
          // Cancelled or failed: the order waits for payment on its own page (去支付).
          paid = false;
        }
        if (paid && source.from === 'group') {
          // A 拼团 goes on on its group's page: who has joined, and inviting friends to fill it.
          const groupId =
            created.order.group?.id ?? (await getOrder(orderId, { silent: true }).catch(() => null))?.group?.id ?? source.groupId;
          if (groupId != null) {
            await Taro.redirectTo({ url: `${groupPageUrl(groupId)}&paying=1` });
            return;
          }
        }
        await Taro.redirectTo({ url: routes.order({ id: orderId, paying: paid ? 1 : undefined }) });
      } catch (error) {
        if (orderId !== null) return;
        // The wrapper has shown the reason. A business refusal means the quote is stale: price
        // it again (which also starts a new attempt); a lost connection keeps the key for a retry.
        if (isApiError(error) && error.status >= 400 && error.status < 500) {
          const coupon = error.code === 'COUPON_UNAVAILABLE' ? undefined : couponId;
          setCouponId(coupon);
          void requote(items, store, coupon);
        }
      } finally {
        submittingRef.current = false;
        setSubmitting(false);
      }
    })();
  }, [state, store, items, couponId, remark, phone, slot, source, activity, requote]);

  return {
    state,
    store,
    quoting,
    submitting,
    items,
    couponId,
    remark,
    setRemark,
    phone,
    // Another phone or slot is another request: a new attempt key (the old one names the old body).
    setPhone: (next) => {
      attemptKey.current = null;
      setPhone(next);
    },
    slot,
    setSlot: (next) => {
      attemptKey.current = null;
      setSlot(next);
    },
    withSlot,
    chooseCoupon,
    reload: () => void start(),
    submit,
  };
}
