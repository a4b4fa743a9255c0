import { Text } from '@tarojs/components';
// CouponTicket before BottomSheet, as components/README.md orders their styles.
import { CouponTicket, TicketButton } from '../../../components/CouponTicket';
import { BottomSheet } from '../../../components/BottomSheet';
import type { CenterCoupon } from '../../../services/coupon';
import { centerAction } from '../../../utils/coupon';

interface CouponSheetProps {
  open: boolean;
  coupons: CenterCoupon[];
  claiming: number | null;
  onClaim: (coupon: CenterCoupon) => void;
  onClose: () => void;
}

/** 领券: the coupons that cover this product, each with 立即领取 → 已领取, over the product page. */
export function CouponSheet({ open, coupons, claiming, onClaim, onClose }: CouponSheetProps) {
  return (
    <BottomSheet open={open} onClose={onClose} title="领券" className="product-coupon-sheet">
      <Text className="product-coupon-sheet__hint">以下优惠券适用于本商品，领取后下单时自动可选</Text>
      {coupons.length === 0 && <Text className="product-coupon-sheet__empty">暂无可领取的优惠券</Text>}
      {coupons.map((coupon) => {
        const newCustomers = coupon.audience === 'new_customer';
        const action = centerAction(coupon.state, newCustomers);
        const again = coupon.state === 'claimable' && coupon.claimedByMe > 0;
        return (
          <CouponTicket
            key={coupon.templateId}
            className="product-coupon-sheet__ticket"
            face={coupon.face}
            name={coupon.name}
            tag={newCustomers ? '新客专享' : coupon.face.channel === 'offline' ? '门店' : null}
            lines={[coupon.validityText]}
            muted={coupon.state === 'not_eligible'}
            action={
              <TicketButton ghost={action.ghost} disabled={!action.enabled || claiming !== null} onClick={() => onClaim(coupon)}>
                {claiming === coupon.templateId ? '领取中' : again ? '再领一张' : action.text}
              </TicketButton>
            }
          />
        );
      })}
    </BottomSheet>
  );
}
