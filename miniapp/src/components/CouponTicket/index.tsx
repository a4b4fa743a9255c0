import { Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';
import type { CouponFace } from '../../services/coupon';
import './index.scss';

export interface CouponTicketProps {
  /** The big figure (¥20 / 8.8折) and its condition, as the BFF words them. */
  face: Pick<CouponFace, 'value' | 'unit' | 'condition'>;
  name: string;
  /** Small lines under the name (scope, validity …). */
  lines?: ReactNode[];
  /** A tag before the name (线上线下通用, 新客专享). */
  tag?: string | null;
  /** A corner badge (即将过期). */
  badge?: string | null;
  /** The action at the end (立即领取, 去使用, a radio …). */
  action?: ReactNode;
  /** Below the ticket, inside its card (使用规则, a progress bar). */
  footer?: ReactNode;
  /** Greyed out: used, expired, claimed out or not usable here. */
  muted?: boolean;
  /** A round stamp over the ticket (已使用, 已过期, 已抢光). */
  stamp?: string | null;
  className?: string;
  onClick?: () => void;
}

/**
 * A coupon as a ticket: the figure on the left beyond a dashed tear line, the name and its rules
 * on the right, an action at the end. 领券中心, 我的优惠券, 积分兑换, 扫码领券 and 分享领券 all show
 * coupons through it so they look alike.
 */
export function CouponTicket({
  face,
  name,
  lines = [],
  tag,
  badge,
  action,
  footer,
  muted = false,
  stamp,
  className = '',
  onClick,
}: CouponTicketProps) {
  return (
    <View className={`coupon-ticket-card ${muted ? 'coupon-ticket-card--muted' : ''} ${className}`} onClick={onClick}>
      <View className="coupon-ticket-card__main">
        <View className="coupon-ticket-card__face">
          <View className="coupon-ticket-card__figure">
            {face.unit === 'yuan' && <Text className="coupon-ticket-card__symbol">¥</Text>}
            <Text className={`coupon-ticket-card__value ${face.value.length > 3 ? 'coupon-ticket-card__value--long' : ''}`}>
              {face.value}
            </Text>
            {face.unit === 'zhe' && <Text className="coupon-ticket-card__unit">折</Text>}
          </View>
          <Text className="coupon-ticket-card__condition">{face.condition}</Text>
        </View>
        <View className="coupon-ticket-card__body">
          <View className="coupon-ticket-card__name-row">
            {tag && <Text className="coupon-ticket-card__tag">{tag}</Text>}
            <Text className="coupon-ticket-card__name">{name}</Text>
          </View>
          {lines.map((line, index) => (
            <Text key={index} className="coupon-ticket-card__line">
              {line}
            </Text>
          ))}
        </View>
        {action && <View className="coupon-ticket-card__action">{action}</View>}
        {badge && <Text className="coupon-ticket-card__badge">{badge}</Text>}
        {stamp && <View className="coupon-ticket-card__stamp">{stamp}</View>}
      </View>
      {footer && <View className="coupon-ticket-card__footer">{footer}</View>}
    </View>
  );
}

/** The small round call to action of a ticket (立即领取 / 去使用); `ghost` once done (已领取). */
export function TicketButton({
  children,
  onClick,
  ghost = false,
  disabled = false,
  className = '',
}: {
  children: ReactNode;
  onClick?: () => void;
  ghost?: boolean;
  disabled?: boolean;
  className?: string;
}) {
  const modifier = disabled ? 'ticket-button--disabled' : ghost ? 'ticket-button--ghost' : '';
  return (
    <View
      className={`ticket-button ${modifier} ${className}`}
      hoverClass={disabled ? 'none' : 'ticket-button--pressed'}
      onClick={
        disabled || !onClick
          ? undefined
          : (event) => {
              event.stopPropagation();
              onClick();
            }
      }
    >
      {children}
    </View>
  );
}
