import Taro, { useDidShow } from '@tarojs/taro';
import { useCallback, useRef, useState } from 'react';
import { isSignedIn, signIn as startSession } from '../../services/auth';
import { clearCartBadge } from '../../platform/cart-badge';
import { getCart, removeCartItem, removeCartItems, updateCartItem, type Cart } from '../../services/cart';
import { errorMessage } from '../../services/errors';
import { getPickupChoice, type PickupStore } from '../../stores/pickupStore';

export type CartState =
  { status: 'signedOut' } | { status: 'loading' } | { status: 'error'; message: string } | { status: 'ready'; cart: Cart };

export interface CartModel {
  state: CartState;
  /** The pickup store stock is checked at; null before one is chosen (stock across stores). */
  store: PickupStore | null;
  /** Lines with a change on its way (their controls wait). */
  pending: Set<number>;
  signingIn: boolean;
  reload: () => Promise<void>;
  signIn: () => void;
  setQty: (skuId: number, qty: number) => void;
  setSelected: (skuIds: number[], selected: boolean) => void;
  remove: (skuIds: number[]) => void;
}

/**
 * The server-side cart at the chosen pickup store, read again every time the tab shows (the
 * product page adds to it, the store picker changes the store). Each change answers with the
 * whole cart, which replaces what is shown. Without a session the tab asks to sign in first.
 */
export function useCart(): CartModel {
  const [state, setState] = useState<CartState>(() => (isSignedIn() ? { status: 'loading' } : { status: 'signedOut' }));
  const [store, setStore] = useState<PickupStore | null>(() => getPickupChoice()?.store ?? null);
  const [pending, setPending] = useState<Set<number>>(() => new Set());
  const [signingIn, setSigningIn] = useState(false);
  const latest = useRef(0);
  const storeId = store?.id ?? null;

  const load = useCallback(async (atStore: number | null) => {
    const call = ++latest.current;
    if (!isSignedIn()) {
      clearCartBadge();
      setState({ status: 'signedOut' });
      return;
    }
    setState((previous) => (previous.status === 'ready' ? previous : { status: 'loading' }));
    try {
      const cart = await getCart(atStore, { silent: true });
      if (call === latest.current) setState({ status: 'ready', cart });
    } catch (error) {
      if (call !== latest.current) return;
      // A 401 the silent re-login could not fix leaves no session behind.
      setState((previous) => {
        if (!isSignedIn()) return { status: 'signedOut' };
        return previous.status === 'ready' ? previous : { status: 'error', message: errorMessage(error) };
      });
    }
  }, []);

  useDidShow(() => {
    const chosen = getPickupChoice()?.store ?? null;
    setStore(chosen);
    void load(chosen?.id ?? null);
  });

  const reload = useCallback(() => load(storeId), [load, storeId]);

  /** Runs the changes, shows the last cart they answer with; on failure (already toasted) re-reads. */
  const change = useCallback(
    (skuIds: number[], calls: (() => Promise<Cart>)[]) => {
      if (calls.length === 0) return;
      setPending((previous) => new Set([...previous, ...skuIds]));
      const call = ++latest.current;
      Promise.all(calls.map((run) => run()))
        .then(
          (carts) => {
            if (call === latest.current) setState({ status: 'ready', cart: carts[carts.length - 1] });
            // Answers to parallel changes can arrive in any order: the last one may predate others.
            if (calls.length > 1) void load(storeId);
          },
          () => void load(storeId),
        )
        .finally(() =>
          setPending((previous) => {
            const next = new Set(previous);
            skuIds.forEach((skuId) => next.delete(skuId));
            return next;
          }),
        );
    },
    [load, storeId],
  );

  const setQty = useCallback(
    (skuId: number, qty: number) => change([skuId], [() => updateCartItem(skuId, { qty }, storeId)]),
    [change, storeId],
  );
  const setSelected = useCallback(
    (skuIds: number[], selected: boolean) =>
      change(
        skuIds,
        skuIds.map((skuId) => () => updateCartItem(skuId, { selected }, storeId)),
      ),
    [change, storeId],
  );
  /** One line, or several at once (管理 mode, 清空失效商品) in one idempotent call. */
  const remove = useCallback(
    (skuIds: number[]) =>
      change(skuIds, [() => (skuIds.length === 1 ? removeCartItem(skuIds[0], storeId) : removeCartItems(skuIds, storeId))]),
    [change, storeId],
  );

  const signIn = useCallback(() => {
    setSigningIn(true);
    startSession()
      .then(
        () => load(storeId),
        (error: unknown) => void Taro.showToast({ title: errorMessage(error), icon: 'none', duration: 2500 }),
      )
      .finally(() => setSigningIn(false));
  }, [load, storeId]);

  return { state, store, pending, signingIn, reload, signIn, setQty, setSelected, remove };
}
