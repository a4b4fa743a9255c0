import { Image, Text, View } from '@tarojs/components';
import pickupIcon from '../../../assets/entry/pickup.png';
import type { PickupStore } from '../../../stores/pickupStore';

/** 自提门店: where the order is picked up, and whether that store has everything. */
export function StoreRow({ store, inStock, onClick }: { store: PickupStore | null; inStock: boolean; onClick: () => void }) {
  return (
    <View className="checkout-store card" hoverClass="checkout-store--pressed" onClick={onClick}>
      <View className="checkout-store__tag">到店自提</View>
      <View className="checkout-store__main">
        <Image className="checkout-store__icon" src={pickupIcon} />
        <View className="checkout-store__text">
          <View className="checkout-store__line">
            <Text className="checkout-store__name">{store?.name ?? '请选择自提门店'}</Text>
            {store && (
              <Text className={`checkout-store__stock ${inStock ? '' : 'checkout-store__stock--out'}`}>{inStock ? '有货' : '无货'}</Text>
            )}
          </View>
          {store && <Text className="checkout-store__address">{store.address}</Text>}
        </View>
        <Text className="checkout-store__change">切换</Text>
        <View className="chevron checkout-store__chevron" />
      </View>
      {!inStock && <Text className="checkout-store__warn">该门店库存不足，请切换门店或返回修改数量</Text>}
    </View>
  );
}
