import Taro from '@tarojs/taro';
import { useCallback, useState } from 'react';
import { usePageData } from '../../hooks/usePageData';
import { useDidShowAgain } from '../../hooks/useDidShowAgain';
import { isApiError } from '../../services/errors';
import { claimCoupon, getClaimCenter, type CenterCoupon } from '../../services/coupon';
import { ensureSignedIn } from '../../utils/signin';

/**
 * 领券中心: the templates on offer (for one product when `productId` is set), claimed in place.
 * A claim updates its own ticket from what the BFF answers (一次领完 → 已领取); a refusal (领完了,
 * 新客专享) reads the list again so every ticket is current.
 */
export function useClaimCenter(productId: number | null) {
  const fetch = useCallback(() => getClaimCenter(productId, { silent: true }), [productId]);
  const { state, refresh, reload } = usePageData(fetch);
  const [claiming, setClaiming] = useState<number | null>(null);
  const [patched, setPatched] = useState<Record<number, Partial<CenterCoupon>>>({});

  useDidShowAgain(() => void refresh());

  const claim = useCallback(
    async (coupon: CenterCoupon) => {
      if (claiming !== null) return;
      if (!(await ensureSignedIn('登录后即可领取优惠券，领到的券在「我的 › 优惠券」'))) return;
      setClaiming(coupon.templateId);
      try {
        await claimCoupon(coupon.templateId);
        const claimedByMe = coupon.claimedByMe + 1;
        setPatched((previous) => ({
          ...previous,
          [coupon.templateId]: {
            claimedByMe,
            state: claimedByMe >= coupon.perUserLimit ? 'claimed' : coupon.state,
            remaining: Math.max(0, coupon.remaining - 1),
          },
        }));
        void Taro.showToast({ title: '领取成功', icon: 'success' });
        // The percentages and what is left move with everyone's claims: read them again quietly.
        void refresh().then(() => setPatched({}));
      } catch (error) {
        // The wrapper showed the reason; a signed-out claim after a 401 went through re-login.
        if (isApiError(error) && error.status >= 400) void refresh().then(() => setPatched({}));
      } finally {
        setClaiming(null);
      }
    },
    [claiming, refresh],
  );

  const items = state.status === 'ready' ? state.data.map((item) => ({ ...item, ...patched[item.templateId] })) : [];
  return { state, items, claiming, claim, refresh, reload };
}
