import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { CouponTicket, TicketButton } from '../../../components/CouponTicket';
import type { MyCoupon } from '../../../services/coupon';
import { myCouponStamp, shanghaiDay, sourceText } from '../../../utils/coupon';

interface MyCouponTicketProps {
  coupon: MyCoupon;
  onUse: () => void;
  onShowCode: () => void;
}

/** One of my coupons: its face, validity, 即将过期, 去使用 / 到店使用, and 使用规则 to expand. */
export function MyCouponTicket({ coupon, onUse, onShowCode }: MyCouponTicketProps) {
  const [open, setOpen] = useState(false);
  const usable = coupon.status === 'available';
  const online = coupon.face.channel !== 'offline';
  const stamp = myCouponStamp(coupon);
  return (
    <CouponTicket
      className="my-ticket"
      face={coupon.face}
      name={coupon.name}
      tag={coupon.face.channel === 'both' ? '线上线下' : coupon.face.channel === 'offline' ? '门店' : null}
      badge={usable && coupon.expiringSoon ? '即将过期' : null}
      lines={[
        coupon.face.scopeText,
        coupon.status === 'used' && coupon.usedAt
          ? `${shanghaiDay(coupon.usedAt)} ${coupon.usedChannel === 'offline' ? '到店核销' : '下单使用'}`
          : coupon.validityText,
      ]}
      muted={!usable}
      stamp={stamp}
      action={
        usable ? (
          <View className="my-ticket__actions">
            {online && <TicketButton onClick={onUse}>去使用</TicketButton>}
            {coupon.usableOffline && (
              <TicketButton ghost={online} className="my-ticket__offline" onClick={onShowCode}>
                到店使用
              </TicketButton>
            )}
          </View>
        ) : null
      }
      footer={
        <View className="my-ticket__rules">
          <View className="my-ticket__rules-head" onClick={() => setOpen(!open)}>
            <Text>使用规则</Text>
            <View className={`chevron my-ticket__chevron ${open ? 'my-ticket__chevron--open' : ''}`} />
          </View>
          {open && (
            <View className="my-ticket__rules-body">
              {coupon.description && <Text className="my-ticket__rule">{coupon.description}</Text>}
              <Text className="my-ticket__rule">
                {coupon.face.label}，{coupon.face.condition}
              </Text>
              <Text className="my-ticket__rule">
                {coupon.face.scopeText}，{coupon.face.channelText}
              </Text>
              <Text className="my-ticket__rule">有效期 {coupon.validityText}</Text>
              <Text className="my-ticket__rule">来源：{sourceText(coupon.source)}，每单限用一张</Text>
            </View>
          )}
        </View>
      }
    />
  );
}
