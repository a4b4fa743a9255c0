import { useCallback, useRef, useState } from 'react';
import { launchScene } from '../../platform/share';
import { errorMessage, isApiError } from '../../services/errors';
import { getMyCoupons, scanToClaim, type MyCoupon, type ReceivedCoupon } from '../../services/coupon';

export type ScanClaimState =
  | { status: 'idle' }
  | { status: 'claiming' }
  /** `coupon`: the claimed coupon as 我的优惠券 shows it, when it could be read. */
  | { status: 'done'; received: ReceivedCoupon; coupon: MyCoupon | null }
  /** The BFF said no (二维码已过期, 已领取, 本次活动已领完 …): its Chinese reason. */
  | { status: 'refused'; message: string }
  | { status: 'error'; message: string };

/** 扫码领券: claims the coupon of a token (from the QR that opened the page, a scan, or a paste). */
export function useScanClaim() {
  const [state, setState] = useState<ScanClaimState>({ status: 'idle' });
  const busy = useRef(false);

  const claim = useCallback(async (token: string) => {
    if (busy.current) return;
    busy.current = true;
    setState({ status: 'claiming' });
    try {
      const received = await scanToClaim(token, launchScene(), { silent: true });
      // The face and rules of what arrived, as 我的优惠券 has them (best effort).
      const mine = await getMyCoupons('available', { silent: true }).catch(() => null);
      setState({ status: 'done', received, coupon: mine?.items.find((coupon) => coupon.id === received.couponId) ?? null });
    } catch (error) {
      const refused = isApiError(error) && error.status >= 400 && error.status < 500 && error.status !== 401;
      setState({ status: refused ? 'refused' : 'error', message: errorMessage(error) });
    } finally {
      busy.current = false;
    }
  }, []);

  return { state, claim, reset: () => setState({ status: 'idle' }) };
}
