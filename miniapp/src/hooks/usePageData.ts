import { useCallback, useEffect, useState } from 'react';
import { errorMessage } from '../services/errors';

export type PageDataState<T> = { status: 'loading' } | { status: 'error'; message: string } | { status: 'ready'; data: T };

export interface PageData<T> {
  state: PageDataState<T>;
  /** Reads again in place: the page keeps what it shows, and a failure keeps data already shown. */
  refresh: () => Promise<void>;
  /** The same, but a page showing a failure shows the spinner first (重新加载). */
  reload: () => Promise<void>;
}

/**
 * What a page shows, read by `fetch` (silently: the page shows the failure itself) when it
 * mounts and again whenever `fetch` changes. Pass a stable `fetch` (module-level or useCallback).
 */
export function usePageData<T>(fetch: () => Promise<T>): PageData<T> {
  const [state, setState] = useState<PageDataState<T>>({ status: 'loading' });

  const refresh = useCallback(async () => {
    try {
      setState({ status: 'ready', data: await fetch() });
    } catch (error) {
      setState((previous) => (previous.status === 'ready' ? previous : { status: 'error', message: errorMessage(error) }));
    }
  }, [fetch]);

  const reload = useCallback(async () => {
    setState((previous) => (previous.status === 'error' ? { status: 'loading' } : previous));
    await refresh();
  }, [refresh]);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  return { state, refresh, reload };
}
