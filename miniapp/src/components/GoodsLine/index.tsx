import { Image, Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';
import { formatFen } from '../../utils/money';
import { mediaUrl } from '../../utils/media';
import './index.scss';

export interface GoodsLineProps {
  imageUrl: string;
  title: string;
  specText: string;
  qty: number;
  /** The unit price the customer pays before order-level discounts. */
  unitFen: number;
  /** Struck-through list price, shown when above `unitFen`. */
  listFen?: number | null;
  /** Under the spec: a stock warning, a refund note… */
  note?: ReactNode;
  onClick?: () => void;
}

/** One bought item (checkout and orders): picture, title, spec, unit price and quantity. */
export function GoodsLine({ imageUrl, title, specText, qty, unitFen, listFen, note, onClick }: GoodsLineProps) {
  return (
    <View className="goods-line" onClick={onClick}>
      <Image className="goods-line__image" src={mediaUrl(imageUrl)} mode="aspectFill" lazyLoad />
      <View className="goods-line__body">
        <Text className="goods-line__title">{title}</Text>
        {specText && <Text className="goods-line__spec">{specText}</Text>}
        {note && <View className="goods-line__note">{note}</View>}
      </View>
      <View className="goods-line__side">
        <Text className="goods-line__price">¥{formatFen(unitFen)}</Text>
        {listFen != null && listFen > unitFen && <Text className="goods-line__list">¥{formatFen(listFen)}</Text>}
        <Text className="goods-line__qty">×{qty}</Text>
      </View>
    </View>
  );
}
