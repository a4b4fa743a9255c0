import { Text, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import { getClaimCenter, type CenterCoupon } from '../../../services/coupon';
import { openPage } from '../../../utils/navigate';
import { routes } from '../../../routes';

const SHOWN = 3;

/** 领券: the 领券中心 coupons that cover this product, as labels; a tap opens them to claim. Hidden when none. */
export function CouponRow({ productId }: { productId: number }) {
  const [coupons, setCoupons] = useState<CenterCoupon[]>([]);
  useEffect(() => {
    let live = true;
    getClaimCenter(productId, { silent: true }).then(
      (items) => live && setCoupons(items.filter((coupon) => coupon.state !== 'sold_out')),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [productId]);

  if (coupons.length === 0) return null;
  return (
    <View
      className="product-coupons card"
      hoverClass="product-coupons--pressed"
      onClick={() => openPage(routes.couponCenter({ productId }))}
    >
      <Text className="product-coupons__label">领券</Text>
      <View className="product-coupons__chips">
        {coupons.slice(0, SHOWN).map((coupon) => (
          <Text key={coupon.templateId} className="product-coupons__chip">
            {coupon.face.label}
          </Text>
        ))}
      </View>
      <Text className="product-coupons__go">{coupons.some((coupon) => coupon.state === 'claimable') ? '去领取' : '查看'}</Text>
      <View className="chevron product-coupons__chevron" />
    </View>
  );
}
