import { useCallback, useEffect, useRef, useState } from 'react';
import { errorMessage } from '../../services/errors';
import { getMe, getPoints, type PointsEntry } from '../../services/member';

const PAGE_SIZE = 20;

export type LedgerState =
  | { status: 'loading' }
  | { status: 'error'; message: string }
  | {
      status: 'ready';
      items: PointsEntry[];
      nextCursor: number | null;
      /** State of the "load more" footer. */
      more: 'idle' | 'loading' | 'error';
    };

export interface PointsLedger {
  state: LedgerState;
  /** The current balance from GET /api/me; null until known. */
  balance: number | null;
  /** First page again (initial load, retry, pull-down refresh). */
  reload: () => Promise<void>;
  /** The next page, if any and none is loading. */
  loadMore: () => void;
}

/** The points ledger, newest first, loaded a page at a time with the BFF's cursor. */
export function usePointsLedger(): PointsLedger {
  const [state, setState] = useState<LedgerState>({ status: 'loading' });
  const [balance, setBalance] = useState<number | null>(null);
  // Only the latest reload may write the list (a refresh can overtake a slow first load).
  const generation = useRef(0);
  const loadingMore = useRef(false);

  const reload = useCallback(async () => {
    const current = ++generation.current;
    setState((previous) => (previous.status === 'ready' ? previous : { status: 'loading' }));
    getMe({ silent: true }).then(
      (me) => setBalance(me.points),
      () => undefined,
    );
    try {
      const page = await getPoints({ limit: PAGE_SIZE }, { silent: true });
      if (current === generation.current) setState({ status: 'ready', items: page.items, nextCursor: page.nextCursor, more: 'idle' });
    } catch (error) {
      if (current === generation.current) setState({ status: 'error', message: errorMessage(error) });
    }
  }, []);

  const loadMore = useCallback(() => {
    if (state.status !== 'ready' || state.nextCursor === null || loadingMore.current) return;
    const current = generation.current;
    const cursor = state.nextCursor;
    loadingMore.current = true;
    setState({ ...state, more: 'loading' });
    getPoints({ limit: PAGE_SIZE, cursor }, { silent: true })
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
          if (current !== generation.current) return;
          setState((previous) => (previous.status === 'ready' ? { ...previous, more: 'error' } : previous));
        },
      )
      .finally(() => {
        loadingMore.current = false;
      });
  }, [state]);

  useEffect(() => {
    void reload();
  }, [reload]);

  return { state, balance, reload, loadMore };
}
