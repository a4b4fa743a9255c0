import Taro, { useDidShow } from '@tarojs/taro';
import { useCallback, useEffect, useRef, useState } from 'react';
import { isSignedIn } from '../../services/auth';
import { getFavoriteState, setFavorite } from '../../services/favorite';
import { ensureSignedIn } from '../../utils/signin';

/**
 * The product's 收藏 star. The state is asked beside the product detail (which is the same for
 * everyone and cached), again whenever the page shows (我的收藏 may have removed it). A tap
 * signs in first when needed, shows the new state at once and puts it back if the call fails.
 */
export function useFavorite(productId: number): { favorited: boolean; busy: boolean; toggle: () => void } {
  const [favorited, setFavorited] = useState(false);
  const [busy, setBusy] = useState(false);
  const latest = useRef(0);

  const load = useCallback(() => {
    if (!isSignedIn()) {
      setFavorited(false);
      return;
    }
    const call = ++latest.current;
    getFavoriteState(productId, { silent: true }).then(
      (state) => call === latest.current && setFavorited(state.favorited),
      () => undefined,
    );
  }, [productId]);
  useEffect(load, [load]);
  useDidShow(load);

  const toggle = useCallback(() => {
    if (busy) return;
    void (async () => {
      if (!(await ensureSignedIn('登录后即可收藏商品，在「我的 › 我的收藏」随时找到它'))) return;
      const next = !favorited;
      const call = ++latest.current;
      setBusy(true);
      setFavorited(next);
      try {
        const state = await setFavorite(productId, next);
        if (call === latest.current) setFavorited(state.favorited);
        void Taro.showToast({ title: state.favorited ? '已收藏' : '已取消收藏', icon: state.favorited ? 'success' : 'none' });
      } catch {
        // The request wrapper toasted why; show what is still true.
        if (call === latest.current) setFavorited(!next);
      } finally {
        setBusy(false);
      }
    })();
  }, [busy, favorited, productId]);

  return { favorited, busy, toggle };
}
