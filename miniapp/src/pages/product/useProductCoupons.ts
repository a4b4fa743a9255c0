import Taro from '@tarojs/taro';
import { useCallback, useEffect, useRef, useState } from 'react';
import { isApiError } from '../../services/errors';
import { claimCoupon, getClaimCenter, type CenterCoupon } from '../../services/coupon';
import { ensureSignedIn } from '../../utils/signin';

/**
 * The 领券 row and sheet: the 领券中心 coupons that cover this product (GET /api/coupons/center
 * ?productId=, which also says what I already hold), claimed in place with the same atomic
 * claim as the centre. A claim moves its own coupon to 已领取 from the answer; any refusal reads
 * the list again so each coupon shows what is true now.
 */
export function useProductCoupons(productId: number) {
  const [coupons, setCoupons] = useState<CenterCoupon[]>([]);
  const [claiming, setClaiming] = useState<number | null>(null);
  const latest = useRef(0);

  const load = useCallback(async () => {
    const call = ++latest.current;
    const items = await getClaimCenter(productId, { silent: true }).catch(() => null);
    if (items && call === latest.current) setCoupons(items);
  }, [productId]);
  useEffect(() => {
    void load();
  }, [load]);

  const claim = useCallback(
    async (coupon: CenterCoupon) => {
      if (claiming !== null) return;
      if (!(await ensureSignedIn('登录后即可领取优惠券，领到的券在「我的 › 优惠券」'))) return;
      setClaiming(coupon.templateId);
      try {
        await claimCoupon(coupon.templateId);
        const claimedByMe = coupon.claimedByMe + 1;
        setCoupons((previous) =>
          previous.map((item) =>
            item.templateId === coupon.templateId
              ? {
                  ...item,
                  claimedByMe,
                  state: claimedByMe >= item.perUserLimit ? 'claimed' : item.state,
                  remaining: Math.max(0, item.remaining - 1),
                }
              : item,
          ),
        );
        void Taro.showToast({ title: '领取成功', icon: 'success' });
      } catch (error) {
        // The wrapper showed why (领完了, 新客专享 …): read what is true now.
        if (isApiError(error)) void load();
      } finally {
        setClaiming(null);
      }
    },
    [claiming, load],
  );

  // Signing in to claim changes what "mine" means: read the list again after it.
  return { coupons: coupons.filter((coupon) => coupon.state !== 'sold_out'), all: coupons, claiming, claim, reload: load };
}
