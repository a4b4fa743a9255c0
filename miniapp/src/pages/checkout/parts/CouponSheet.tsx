import { Text, View } from '@tarojs/components';
import { BottomSheet } from '../../../components/BottomSheet';
import type { AvailableCoupon } from '../../../services/order';
import { couponReasonText, sortCoupons } from '../../../utils/checkout';
import { shanghaiDay, yuanText } from '../../../utils/coupon';
import { formatFen } from '../../../utils/money';

interface CouponSheetProps {
  open: boolean;
  coupons: AvailableCoupon[];
  /** The coupon the quote applied; null when none. */
  appliedId: number | null;
  onClose: () => void;
  /** A coupon id, or null for 不使用优惠券. */
  onChoose: (couponId: number | null) => void;
}

/** The customer's coupons for this order: what each saves, or why it cannot be used. */
export function CouponSheet({ open, coupons, appliedId, onClose, onChoose }: CouponSheetProps) {
  const sorted = sortCoupons(coupons);
  return (
    <BottomSheet
      open={open}
      onClose={onClose}
      title="选择优惠券"
      className="coupon-sheet"
      footer={
        <View className={`coupon-sheet__none ${appliedId === null ? 'coupon-sheet__none--on' : ''}`} onClick={() => onChoose(null)}>
          不使用优惠券
        </View>
      }
    >
      {sorted.length === 0 && <View className="coupon-sheet__empty">暂无可用优惠券</View>}
      {sorted.map((coupon) => {
        const chosen = coupon.id === appliedId;
        return (
          <View
            key={coupon.id}
            className={`coupon-ticket ${coupon.usable ? '' : 'coupon-ticket--off'} ${chosen ? 'coupon-ticket--on' : ''}`}
            onClick={coupon.usable ? () => onChoose(coupon.id) : undefined}
          >
            <View className="coupon-ticket__amount">
              {coupon.usable ? (
                <>
                  <Text className="coupon-ticket__symbol">-¥</Text>
                  <Text className="coupon-ticket__value">{yuanText(coupon.discountFen)}</Text>
                </>
              ) : (
                <Text className="coupon-ticket__na">不可用</Text>
              )}
            </View>
            <View className="coupon-ticket__body">
              <Text className="coupon-ticket__name">{coupon.name}</Text>
              <Text className="coupon-ticket__rule">
                {coupon.label} · {shanghaiDay(coupon.validTo)}到期
              </Text>
              <Text className="coupon-ticket__desc">
                {coupon.usable ? `本单可省 ¥${formatFen(coupon.discountFen)}` : couponReasonText(coupon.reason)}
              </Text>
            </View>
            <View
              className={`coupon-ticket__radio ${chosen ? 'coupon-ticket__radio--on' : ''} ${coupon.usable ? '' : 'coupon-ticket__radio--off'}`}
            />
          </View>
        );
      })}
    </BottomSheet>
  );
}
