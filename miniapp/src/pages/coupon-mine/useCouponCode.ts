import { useDidHide, useUnload } from '@tarojs/taro';
import { useCallback, useEffect, useRef, useState } from 'react';
import { keepScreenBright } from '../../platform/screen';
import { errorMessage } from '../../services/errors';
import { getCouponCode, type CouponCode } from '../../services/coupon';
import { qrDataUrl } from '../../utils/qrcode';

/** A new code is fetched this often; the BFF's codes live 60 s, so the one on screen is never stale. */
export const COUPON_CODE_REFRESH_MS = 50_000;
/** Counted from when the code arrived (not its `expiresAt`), so a phone with a wrong clock still refreshes in time. */
const VALID_MS = 60_000;

export type CouponCodeState =
  | { status: 'idle' }
  | { status: 'loading' }
  | { status: 'error'; message: string }
  | { status: 'ready'; code: CouponCode; qr: string; receivedAt: number; refreshing: boolean; refreshFailed: boolean };

/**
 * The rotating 券码 of one coupon while its sheet is open (`couponId` set): fetched at once, then
 * every 50 s and on demand, with the screen kept bright. Closing the sheet stops the clock.
 */
export function useCouponCode(couponId: number | null, close: () => void) {
  const [state, setState] = useState<CouponCodeState>({ status: 'idle' });
  const [now, setNow] = useState(() => Date.now());
  const attemptAt = useRef(0);
  const inFlight = useRef(false);
  const shownFor = useRef<number | null>(null);

  const fetchCode = useCallback((id: number) => {
    if (inFlight.current) return;
    inFlight.current = true;
    attemptAt.current = Date.now();
    setState((previous) => (previous.status === 'ready' ? { ...previous, refreshing: true } : { status: 'loading' }));
    getCouponCode(id, { silent: true })
      .then(
        (code) => {
          if (shownFor.current !== id) return;
          setState({ status: 'ready', code, qr: qrDataUrl(code.code), receivedAt: Date.now(), refreshing: false, refreshFailed: false });
        },
        (error: unknown) => {
          if (shownFor.current !== id) return;
          setState((previous) =>
            previous.status === 'ready'
              ? { ...previous, refreshing: false, refreshFailed: true }
              : { status: 'error', message: errorMessage(error) },
          );
        },
      )
      .finally(() => {
        inFlight.current = false;
        setNow(Date.now());
      });
  }, []);

  useEffect(() => {
    shownFor.current = couponId;
    if (couponId === null) {
      setState({ status: 'idle' });
      return undefined;
    }
    fetchCode(couponId);
    const restore = keepScreenBright();
    const timer = setInterval(() => {
      const time = Date.now();
      setNow(time);
      if (time - attemptAt.current >= COUPON_CODE_REFRESH_MS) fetchCode(couponId);
    }, 1000);
    return () => {
      clearInterval(timer);
      restore();
    };
  }, [couponId, fetchCode]);

  // A hidden page neither ticks nor keeps the screen on: the sheet closes with it.
  useDidHide(close);
  useUnload(close);

  return {
    state,
    secondsToRefresh: Math.max(0, Math.ceil((COUPON_CODE_REFRESH_MS - (now - attemptAt.current)) / 1000)),
    expired: state.status === 'ready' && now - state.receivedAt >= VALID_MS,
    refresh: () => {
      if (couponId !== null) fetchCode(couponId);
    },
  };
}
