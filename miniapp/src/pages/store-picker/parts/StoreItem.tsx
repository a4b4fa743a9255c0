import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { Store } from '../../../services/store';
import { formatDistance } from '../../../utils/format';

interface StoreItemProps {
  store: Store;
  chosen: boolean;
  /** Show 有货/无货 (the picker was opened for SKUs). */
  checkStock: boolean;
  onChoose: () => void;
}

/** One store: name, address, distance, opening hours today and whether it has the goods. */
export function StoreItem({ store, chosen, checkStock, onChoose }: StoreItemProps) {
  const call = (event: { stopPropagation: () => void }) => {
    event.stopPropagation();
    void Taro.makePhoneCall({ phoneNumber: store.phone.replace(/[^\d-]/g, '') }).catch(() => undefined);
  };
  return (
    <View className={`store-item card ${chosen ? 'store-item--chosen' : ''}`} hoverClass="store-item--pressed" onClick={onChoose}>
      <View className="store-item__top">
        <Text className="store-item__name">{store.name}</Text>
        {checkStock && store.inStock !== null && (
          <Text className={`store-item__stock store-item__stock--${store.inStock ? 'in' : 'out'}`}>{store.inStock ? '有货' : '无货'}</Text>
        )}
        {store.distanceMeters !== null && <Text className="store-item__distance">{formatDistance(store.distanceMeters)}</Text>}
      </View>
      <Text className="store-item__address">{store.address}</Text>
      <View className="store-item__bottom">
        <Text className={`store-item__open store-item__open--${store.openNow ? 'yes' : 'no'}`}>{store.openNow ? '营业中' : '休息中'}</Text>
        <Text className="store-item__hours">{store.todayHours ? `今日 ${store.todayHours}` : '今日休息'}</Text>
        <Text className="store-item__phone" onClick={call}>
          电话
        </Text>
        {chosen ? <Text className="store-item__chosen">当前门店</Text> : <Text className="store-item__choose">选择</Text>}
      </View>
    </View>
  );
}
