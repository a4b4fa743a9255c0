import { Text, View } from '@tarojs/components';
import type { CenterCoupon } from '../../../services/coupon';

const SHOWN = 3;

/** 领券: the coupons that cover this product, as labels; a tap opens the sheet to claim them. Hidden when none. */
export function CouponRow({ coupons, onOpen }: { coupons: CenterCoupon[]; onOpen: () => void }) {
  if (coupons.length === 0) return null;
  return (
    <View className="product-coupons card" hoverClass="product-coupons--pressed" onClick={onOpen}>
      <Text className="product-coupons__label">领券</Text>
      <View className="product-coupons__chips">
        {coupons.slice(0, SHOWN).map((coupon) => (
          <Text key={coupon.templateId} className="product-coupons__chip">
            {coupon.face.label}
          </Text>
        ))}
      </View>
      <Text className="product-coupons__go">{coupons.some((coupon) => coupon.state === 'claimable') ? '去领取' : '已领取'}</Text>
      <View className="chevron product-coupons__chevron" />
    </View>
  );
}
