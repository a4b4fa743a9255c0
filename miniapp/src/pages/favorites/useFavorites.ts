import Taro, { useDidShow } from '@tarojs/taro';
import { useCallback, useRef, useState } from 'react';
import { isSignedIn } from '../../services/auth';
import { errorMessage } from '../../services/errors';
import { getFavorites, setFavorite, type FavoriteItem } from '../../services/favorite';

const PAGE_SIZE = 20;

export type FavoritesState =
  | { status: 'signedOut' }
  | { status: 'loading' }
  | { status: 'error'; message: string }
  | { status: 'ready'; items: FavoriteItem[]; nextCursor: number | null; more: 'idle' | 'loading' | 'error' };

/**
 * 我的收藏, newest first, a page at a time with the BFF's cursor; read again each time the page
 * shows (a product page may have added or removed one). 取消收藏 takes the row out at once.
 */
export function useFavorites() {
  const [state, setState] = useState<FavoritesState>(() => (isSignedIn() ? { status: 'loading' } : { status: 'signedOut' }));
  const [removing, setRemoving] = useState<number | null>(null);
  const generation = useRef(0);
  const loadingMore = useRef(false);

  const reload = useCallback(async () => {
    const current = ++generation.current;
    if (!isSignedIn()) {
      setState({ status: 'signedOut' });
      return;
    }
    setState((previous) => (previous.status === 'ready' ? previous : { status: 'loading' }));
    try {
      const page = await getFavorites({ limit: PAGE_SIZE }, { silent: true });
      if (current === generation.current) setState({ status: 'ready', items: page.items, nextCursor: page.nextCursor, more: 'idle' });
    } catch (error) {
      if (current !== generation.current) return;
      setState((previous) => (previous.status === 'ready' ? previous : { status: 'error', message: errorMessage(error) }));
    }
  }, []);

  useDidShow(() => void reload());

  const loadMore = useCallback(() => {
    if (state.status !== 'ready' || state.nextCursor === null || loadingMore.current) return;
    const current = generation.current;
    const cursor = state.nextCursor;
    loadingMore.current = true;
    setState({ ...state, more: 'loading' });
    getFavorites({ limit: PAGE_SIZE, cursor }, { silent: true })
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
  }, [state]);

  const remove = useCallback(
    async (item: FavoriteItem) => {
      if (removing !== null) return;
      setRemoving(item.productId);
      try {
        await setFavorite(item.productId, false);
        setState((previous) =>
          previous.status === 'ready' ? { ...previous, items: previous.items.filter((row) => row.productId !== item.productId) } : previous,
        );
        void Taro.showToast({ title: '已取消收藏', icon: 'none' });
      } catch {
        // The request wrapper said why; the row stays.
      } finally {
        setRemoving(null);
      }
    },
    [removing],
  );

  return { state, removing, reload, loadMore, remove };
}
