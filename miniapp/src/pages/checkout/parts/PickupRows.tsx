import { Input, Text, View } from '@tarojs/components';
import { formatPickupSlot } from '../../../utils/checkout';
import type { PickupSlot } from '../useCheckout';

interface PickupRowsProps {
  /** The member's own number, masked (138****5678), used unless another is typed; null when unknown. */
  memberPhone: string | null;
  /** What was typed; null while untouched. */
  phone: string | null;
  onPhone: (phone: string | null) => void;
  withSlot: boolean;
  slot: PickupSlot | null;
  /** Whether the store offers any slot today or tomorrow. */
  hasSlots: boolean;
  onOpenSlots: () => void;
}

/** 提货人手机号 and 自提时间: who collects the order and when (docs/domain.md#pickup-slots). */
export function PickupRows({ memberPhone, phone, onPhone, withSlot, slot, hasSlots, onOpenSlots }: PickupRowsProps) {
  return (
    <View className="checkout-card card">
      <View className="checkout-row">
        <Text className="checkout-row__label">提货人手机</Text>
        {phone === null && memberPhone ? (
          // The member's own number, masked: shown as text (a number keyboard's field cannot hold
          // the stars); 修改 opens the field for another number.
          <View className="checkout-phone-own" onClick={() => onPhone('')}>
            <Text className="checkout-phone-own__value">{memberPhone}</Text>
            <Text className="checkout-phone-own__edit">修改</Text>
          </View>
        ) : (
          <Input
            className="checkout-phone"
            type="number"
            maxlength={11}
            focus={phone === '' && Boolean(memberPhone)}
            value={phone ?? ''}
            placeholder={memberPhone ? '请输入提货人手机号' : '选填，便于门店联系你'}
            placeholderClass="checkout-row__placeholder"
            // Left empty, the member's own number is used again.
            onBlur={(event) => !event.detail.value && memberPhone && onPhone(null)}
            onInput={(event) => onPhone(event.detail.value)}
          />
        )}
      </View>
      {withSlot ? (
        <View
          className="checkout-row"
          hoverClass={hasSlots ? 'checkout-row--pressed' : 'none'}
          onClick={hasSlots ? onOpenSlots : undefined}
        >
          <Text className="checkout-row__label">自提时间</Text>
          <Text className={`checkout-row__value checkout-slot ${slot ? 'checkout-row__value--strong' : ''}`}>
            {slot ? formatPickupSlot(slot) : '门店今明两天暂无可预约时段'}
          </Text>
          {hasSlots && <View className="chevron checkout-row__chevron" />}
        </View>
      ) : (
        <View className="checkout-row">
          <Text className="checkout-row__label">自提时间</Text>
          <Text className="checkout-row__value">成团后通知你到店自提</Text>
        </View>
      )}
    </View>
  );
}
