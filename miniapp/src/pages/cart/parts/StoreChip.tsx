import { Image, Text, View } from '@tarojs/components';
import pickupIcon from '../../../assets/entry/pickup.png';
import type { PickupStore } from '../../../stores/pickupStore';

/** Where the cart would be picked up; stock on the lines is checked there. */
export function StoreChip({ store, onClick }: { store: PickupStore | null; onClick: () => void }) {
  return (
    <View className="cart-store card" hoverClass="cart-store--pressed" onClick={onClick}>
      <Image className="cart-store__icon" src={pickupIcon} />
      <View className="cart-store__text">
        <Text className="cart-store__label">{store ? '自提门店' : '按门店库存查看是否有货'}</Text>
        <Text className="cart-store__name">{store ? store.name : '请选择自提门店'}</Text>
      </View>
      <Text className="cart-store__change">{store ? '切换' : '去选择'}</Text>
      <View className="chevron cart-store__chevron" />
    </View>
  );
}
