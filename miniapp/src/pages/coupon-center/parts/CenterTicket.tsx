import { Text, View } from '@tarojs/components';
import { CouponTicket, TicketButton } from '../../../components/CouponTicket';
import type { CenterCoupon } from '../../../services/coupon';
import { centerAction } from '../../../utils/coupon';

interface CenterTicketProps {
  coupon: CenterCoupon;
  claiming: boolean;
  onClaim: () => void;
}

/** One coupon on offer: its face and rules, 已抢 xx% with a bar, and 立即领取 / 已领取 / 已抢光 / 新客专享. */
export function CenterTicket({ coupon, claiming, onClaim }: CenterTicketProps) {
  const newCustomers = coupon.audience === 'new_customer';
  const action = centerAction(coupon.state, newCustomers);
  const soldOut = coupon.state === 'sold_out';
  const again = coupon.state === 'claimable' && coupon.claimedByMe > 0;
  return (
    <CouponTicket
      className="center-ticket"
      face={coupon.face}
      name={coupon.name}
      tag={newCustomers ? '新客专享' : coupon.face.channel === 'offline' ? '门店' : null}
      lines={[`${coupon.face.scopeText} · ${coupon.face.channelText}`, coupon.validityText]}
      muted={soldOut || coupon.state === 'not_eligible'}
      stamp={soldOut ? '已抢光' : null}
      action={
        <>
          <TicketButton ghost={action.ghost} disabled={!action.enabled || claiming} onClick={onClaim}>
            {claiming ? '领取中' : again ? '再领一张' : action.text}
          </TicketButton>
          <View className="center-ticket__meter">
            <View className="center-ticket__track">
              <View className="center-ticket__bar" style={{ width: `${coupon.claimedPercent}%` }} />
            </View>
            <Text className="center-ticket__sold">已抢{coupon.claimedPercent}%</Text>
          </View>
        </>
      }
    />
  );
}
