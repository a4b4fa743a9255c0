import Taro, { useDidShow } from '@tarojs/taro';
import { useCallback, useRef, useState } from 'react';
import { isSignedIn, signIn as startSession } from '../../services/auth';
import { errorMessage } from '../../services/errors';
import { getMe, type Me } from '../../services/member';
import { getOrderCounts, type OrderCounts } from '../../services/order';

export type ProfileState = { status: 'loading' } | { status: 'signedOut' } | { status: 'error' } | { status: 'ready'; me: Me };

export interface Profile {
  state: ProfileState;
  /** The order shortcuts' badges; null while signed out or before the first answer. */
  counts: OrderCounts | null;
  reload: () => void;
  /** Runs the login, then loads the profile; resolves false when the login failed (toast shown). */
  signIn: () => Promise<boolean>;
  signingIn: boolean;
}

/**
 * The signed-in member and the order badges, refreshed each time the tab shows (points and tier change after
 * orders, the profile page edits it, logging out clears it). Without a session the tab asks
 * the customer to sign in instead of signing in behind their back.
 */
export function useProfile(): Profile {
  const [state, setState] = useState<ProfileState>(() => (isSignedIn() ? { status: 'loading' } : { status: 'signedOut' }));
  const [signingIn, setSigningIn] = useState(false);
  const [counts, setCounts] = useState<OrderCounts | null>(null);
  // Only the latest load may set the state (a slow answer from before a logout must not win).
  const latest = useRef(0);

  const reload = useCallback(() => {
    const call = ++latest.current;
    if (!isSignedIn()) {
      setState({ status: 'signedOut' });
      setCounts(null);
      return;
    }
    // The badges on every show: an order paid, cancelled or picked up elsewhere moves them.
    getOrderCounts({ silent: true }).then(
      (next) => {
        if (call === latest.current) setCounts(next);
      },
      () => undefined,
    );
    // A refresh keeps the profile on screen; anything else shows the loading header.
    setState((previous) => (previous.status === 'ready' ? previous : { status: 'loading' }));
    getMe({ silent: true }).then(
      (me) => {
        if (call === latest.current) setState({ status: 'ready', me });
      },
      () => {
        if (call !== latest.current) return;
        // A 401 the silent re-login could not fix leaves no session behind.
        setState((previous) => {
          if (!isSignedIn()) return { status: 'signedOut' };
          return previous.status === 'ready' ? previous : { status: 'error' };
        });
      },
    );
  }, []);

  const signIn = useCallback(async () => {
    setSigningIn(true);
    try {
      await startSession();
      reload();
      return true;
    } catch (error) {
      void Taro.showToast({ title: errorMessage(error), icon: 'none', duration: 2500 });
      return false;
    } finally {
      setSigningIn(false);
    }
  }, [reload]);

  useDidShow(reload);
  return { state, counts, reload, signIn, signingIn };
}
