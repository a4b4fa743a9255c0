import Taro from '@tarojs/taro';
import { Image, Text, View } from '@tarojs/components';
import { Price } from '../../../components/Price';
import { QtyStepper } from '../../../components/QtyStepper';
import type { CartLine } from '../../../services/cart';
import { mediaUrl } from '../../../utils/media';
import { MAX_LINE_QTY } from '../../../utils/sku';
import { CheckCircle } from './CheckCircle';

interface CartLineItemProps {
  line: CartLine;
  busy: boolean;
  onToggle: () => void;
  onQty: (qty: number) => void;
  onRemove: () => void;
  onOpen: () => void;
}

const STAMPS: Partial<Record<CartLine['state'], string>> = { out_of_stock: '已售罄', off_shelf: '已下架' };

/** One cart line; a line that cannot be bought as it is says why and cannot be ticked. */
export function CartLineItem({ line, busy, onToggle, onQty, onRemove, onOpen }: CartLineItemProps) {
  const stamp = STAMPS[line.state];
  const gone = stamp !== undefined;
  const note =
    line.state === 'insufficient'
      ? `库存不足，仅剩${line.sellable}件`
      : gone
        ? line.state === 'off_shelf'
          ? '商品已下架，看看其他商品吧'
          : '该商品已售罄，可换个门店看看'
        : null;
  return (
    <View className={`cart-line ${gone ? 'cart-line--gone' : ''} ${line.state !== 'ok' ? 'cart-line--blocked' : ''}`}>
      <CheckCircle checked={line.selected && line.state === 'ok'} disabled={line.state !== 'ok' || busy} onClick={onToggle} />
      <View className="cart-line__media" onClick={onOpen}>
        <Image className="cart-line__image" src={mediaUrl(line.imageUrl)} mode="aspectFill" lazyLoad />
        {stamp && <Text className="cart-line__stamp">{stamp}</Text>}
      </View>
      <View className="cart-line__body">
        <View className="cart-line__top">
          <Text className="cart-line__title" onClick={onOpen}>
            {line.title}
          </Text>
          <Text className="cart-line__remove" onClick={onRemove}>
            删除
          </Text>
        </View>
        {line.specText && <Text className="cart-line__spec">{line.specText}</Text>}
        {note && <Text className="cart-line__note">{note}</Text>}
        <View className="cart-line__foot">
          <Price fen={line.priceFen} listFen={gone ? null : line.listPriceFen} size="sm" />
          {!gone && (
            <QtyStepper
              value={line.qty}
              max={Math.max(1, Math.min(line.sellable, MAX_LINE_QTY))}
              disabled={busy}
              onChange={onQty}
              onLimit={() =>
                void Taro.showToast({
                  title: line.qty >= MAX_LINE_QTY ? `最多购买${MAX_LINE_QTY}件` : `仅剩${line.sellable}件`,
                  icon: 'none',
                })
              }
            />
          )}
        </View>
      </View>
    </View>
  );
}
