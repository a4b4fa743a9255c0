import { useCallback, useEffect, useRef, useState } from 'react';
import { useDidShowAgain } from '../../hooks/useDidShowAgain';
import { errorMessage } from '../../services/errors';
import { listOrders, type Order, type OrderFilter } from '../../services/order';

const PAGE_SIZE = 10;

export type OrderListState =
  | { status: 'loading' }
  | { status: 'error'; message: string }
  | { status: 'ready'; items: Order[]; nextCursor: number | null; more: 'idle' | 'loading' | 'error' };

/** My orders under one tab, a page at a time with the BFF's cursor; read again on each show. */
export function useOrderList(filter: OrderFilter) {
  const [state, setState] = useState<OrderListState>({ status: 'loading' });
  const generation = useRef(0);
  const loadingMore = useRef(false);

  const reload = useCallback(
    async (keep = false) => {
      const current = ++generation.current;
      if (!keep) setState({ status: 'loading' });
      try {
        const page = await listOrders({ status: filter, limit: PAGE_SIZE }, { silent: true });
        if (current === generation.current) setState({ status: 'ready', items: page.items, nextCursor: page.nextCursor, more: 'idle' });
      } catch (error) {
        if (current === generation.current) {
          setState((previous) => (keep && previous.status === 'ready' ? previous : { status: 'error', message: errorMessage(error) }));
        }
      }
    },
    [filter],
  );

  useEffect(() => {
    void reload();
  }, [reload]);

  // Back from an order (paid, cancelled, refunded): refresh in place.
  useDidShowAgain(() => void reload(true));

  const loadMore = useCallback(() => {
    if (state.status !== 'ready' || state.nextCursor === null || loadingMore.current) return;
    const current = generation.current;
    const cursor = state.nextCursor;
    loadingMore.current = true;
    setState({ ...state, more: 'loading' });
    listOrders({ status: filter, cursor, limit: PAGE_SIZE }, { silent: true })
      .then(
        (page) => {
          if (current !== generation.current) return;
          setState((previous) =>
            previous.status === 'ready'
              ? { status: 'ready', items: [...previous.items, ...page.items], nextCursor: page.nextCursor, more: 'idle' }
              : previous,
          );
        },
        () => {
          if (current === generation.current)
            setState((previous) => (previous.status === 'ready' ? { ...previous, more: 'error' } : previous));
        },
      )
      .finally(() => {
        loadingMore.current = false;
      });
  }, [state, filter]);

  return { state, reload, loadMore };
}
