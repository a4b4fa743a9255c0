import { Image, Text, View } from '@tarojs/components';
import type { StockItem } from '../../../services/staff';
import { mediaUrl } from '../../../utils/media';

/** One SKU's stock at the store: what can still be sold online and at the till, and last week's sales. */
export function StockRow({ item }: { item: StockItem }) {
  return (
    <View className={`stock-row card ${item.low ? 'stock-row--low' : ''}`}>
      <View className="stock-row__top">
        <Image className="stock-row__thumb" src={mediaUrl(item.imageUrl)} mode="aspectFill" lazyLoad />
        <View className="stock-row__text">
          <View className="stock-row__title-row">
            <Text className="stock-row__title">{item.title}</Text>
            {item.low && <Text className="stock-row__badge">需补货</Text>}
          </View>
          {item.specText && <Text className="stock-row__spec">{item.specText}</Text>}
          <Text className="stock-row__codes">
            编号 {item.skuId} · 条码 {item.barcode}
          </Text>
        </View>
      </View>
      <View className="stock-row__stats">
        <Stat value={item.sellableOnline} label="线上可售" strong={item.low} />
        <Stat value={item.sellableAtTill} label="门店可售" />
        <Stat value={item.reserved} label="待取预留" />
        <Stat value={item.sales7d} label="近7天售出" />
      </View>
      {item.low && (
        <Text className="stock-row__advice">
          线上可售仅 {item.sellableOnline} 件，近 7 天售出 {item.sales7d} 件，请及时补货或调拨
        </Text>
      )}
    </View>
  );
}

function Stat({ value, label, strong = false }: { value: number; label: string; strong?: boolean }) {
  return (
    <View className="stock-row__stat">
      <Text className={`stock-row__value ${strong ? 'stock-row__value--low' : ''}`}>{value}</Text>
      <Text className="stock-row__label">{label}</Text>
    </View>
  );
}
