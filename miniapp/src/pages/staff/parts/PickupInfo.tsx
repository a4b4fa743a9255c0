import { Text, View } from '@tarojs/components';
import type { StaffOrder } from '../../../services/staff';
import { formatPickupSlot } from '../../../utils/checkout';

/** 预约自提 and 提货人 of an order (docs/domain.md#pickup-slots); nothing when the customer gave neither. */
export function PickupInfo({ pickup }: { pickup: StaffOrder['pickup'] }) {
  const slot = pickup.slotStart && pickup.slotEnd ? { start: pickup.slotStart, end: pickup.slotEnd } : null;
  if (!slot && !pickup.phone) return null;
  return (
    <View className="staff-order__pickup">
      {slot && <Text className="staff-order__pickup-slot">预约 {formatPickupSlot(slot)}</Text>}
      {pickup.phone && <Text className="staff-order__pickup-phone">提货人 {pickup.phone}</Text>}
    </View>
  );
}
