import { useDidShow } from '@tarojs/taro';
import { useCallback, useEffect, useRef, useState } from 'react';
import { errorMessage } from '../../services/errors';

export type PagedState<T> =
  | { status: 'loading' }
  | { status: 'error'; message: string }
  | { status: 'ready'; items: T[]; total: number; page: number; more: 'idle' | 'loading' | 'error' };

/**
 * A list the BFF pages by number (`page`, `total`): the first page on open and whenever `fetch`
 * changes (a new filter), again in place when the page shows, further pages on demand.
 */
export function usePaged<T>(fetch: (page: number) => Promise<{ items: T[]; total: number }>) {
  const [state, setState] = useState<PagedState<T>>({ status: 'loading' });
  const generation = useRef(0);
  const loadingMore = useRef(false);

  const reload = useCallback(
    async (keep = false) => {
      const current = ++generation.current;
      if (!keep) setState({ status: 'loading' });
      try {
        const first = await fetch(1);
        if (current === generation.current) setState({ status: 'ready', items: first.items, total: first.total, page: 1, more: 'idle' });
      } catch (error) {
        if (current !== generation.current) return;
        setState((previous) => (keep && previous.status === 'ready' ? previous : { status: 'error', message: errorMessage(error) }));
      }
    },
    [fetch],
  );

  useEffect(() => {
    void reload();
  }, [reload]);
  useDidShow(() => void reload(true));

  const loadMore = useCallback(() => {
    if (state.status !== 'ready' || state.items.length >= state.total || loadingMore.current) return;
    const current = generation.current;
    const next = state.page + 1;
    loadingMore.current = true;
    setState({ ...state, more: 'loading' });
    fetch(next)
      .then(
        (page) => {
          if (current !== generation.current) return;
          setState((previous) =>
            previous.status === 'ready'
              ? { status: 'ready', items: [...previous.items, ...page.items], total: page.total, page: next, more: 'idle' }
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
  }, [state, fetch]);

  return { state, reload, loadMore };
}
