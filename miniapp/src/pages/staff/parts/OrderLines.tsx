import { Image, Text, View } from '@tarojs/components';
import type { StaffOrderItem } from '../../../services/staff';
import { mediaUrl } from '../../../utils/media';

/** What to hand over, line by line, the quantity large enough to count from at arm's length. */
export function OrderLines({ items }: { items: StaffOrderItem[] }) {
  return (
    <View className="staff-order__lines">
      {items.map((item, index) => (
        <View key={`${item.title}-${item.specText}-${index}`} className="staff-order__line">
          <Image className="staff-order__thumb" src={mediaUrl(item.imageUrl)} mode="aspectFill" lazyLoad />
          <View className="staff-order__line-text">
            <Text className="staff-order__title">{item.title}</Text>
            {item.specText && <Text className="staff-order__spec">{item.specText}</Text>}
          </View>
          <Text className="staff-order__qty">×{item.qty}</Text>
        </View>
      ))}
    </View>
  );
}
