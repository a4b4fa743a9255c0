import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { getProducts, type ProductQuery, type ProductSummary } from '../services/catalog';
import { errorMessage } from '../services/errors';

export type ProductListState =
  | { status: 'idle' }
  | { status: 'loading' }
  | { status: 'error'; message: string }
  | {
      status: 'ready';
      items: ProductSummary[];
      total: number;
      /** The last page loaded. */
      page: number;
      /** Brands among all matches (the filter sheet's chips). */
      brands: string[];
      /** State of the "load more" footer. */
      more: 'idle' | 'loading' | 'error';
    };

export interface ProductList {
  state: ProductListState;
  hasMore: boolean;
  /** Page 1 again (retry, pull-down refresh). A refresh keeps the current list on screen. */
  reload: () => Promise<void>;
  /** The next page, if any and none is loading (reach-bottom). */
  loadMore: () => void;
}

/**
 * GET /api/products a page at a time for one query (search results, a category, best sellers).
 * A new query starts over from page 1; `null` loads nothing. Only the latest query's answers
 * are kept, so a slow page of an old search never lands in the new one.
 */
export function useProductList(query: ProductQuery | null, pageSize = 20): ProductList {
  const [state, setState] = useState<ProductListState>(query ? { status: 'loading' } : { status: 'idle' });
  const key = query ? JSON.stringify(query) : null;
  const stableQuery = useMemo(() => (key ? (JSON.parse(key) as ProductQuery) : null), [key]);
  const generation = useRef(0);
  const loadingMore = useRef(false);

  const reload = useCallback(async () => {
    const current = ++generation.current;
    loadingMore.current = false;
    if (!stableQuery) {
      setState({ status: 'idle' });
      return;
    }
    setState((previous) => (previous.status === 'ready' ? previous : { status: 'loading' }));
    try {
      const page = await getProducts({ ...stableQuery, page: 1, pageSize }, { silent: true });
      if (current !== generation.current) return;
      setState({ status: 'ready', items: page.items, total: page.total, page: 1, brands: page.brands, more: 'idle' });
    } catch (error) {
      if (current === generation.current) setState({ status: 'error', message: errorMessage(error) });
    }
  }, [stableQuery, pageSize]);

  // A different query shows the spinner rather than the old results.
  useEffect(() => {
    setState(stableQuery ? { status: 'loading' } : { status: 'idle' });
    void reload();
  }, [reload, stableQuery]);

  const hasMore = state.status === 'ready' && state.items.length < state.total;

  const loadMore = useCallback(() => {
    if (state.status !== 'ready' || !stableQuery || loadingMore.current) return;
    if (state.items.length >= state.total) return;
    const current = generation.current;
    const nextPage = state.page + 1;
    loadingMore.current = true;
    setState({ ...state, more: 'loading' });
    getProducts({ ...stableQuery, page: nextPage, pageSize }, { silent: true })
      .then(
        (page) => {
          if (current !== generation.current) return;
          setState((previous) => {
            if (previous.status !== 'ready') return previous;
            // Sales move while browsing: never show the same product twice.
            const seen = new Set(previous.items.map((item) => item.id));
            const fresh = page.items.filter((item) => !seen.has(item.id));
            const items = [...previous.items, ...fresh];
            // An empty page means the list shrank meanwhile: stop asking.
            const total = page.items.length === 0 ? items.length : page.total;
            return { ...previous, items, total, page: nextPage, more: 'idle' };
          });
        },
        () => {
          if (current !== generation.current) return;
          setState((previous) => (previous.status === 'ready' ? { ...previous, more: 'error' } : previous));
        },
      )
      .finally(() => {
        if (current === generation.current) loadingMore.current = false;
      });
  }, [state, stableQuery, pageSize]);

  return { state, hasMore, reload, loadMore };
}
