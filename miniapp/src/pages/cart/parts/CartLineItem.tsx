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
  /** 管理 mode: the circle picks lines to delete (any line, 失效 ones too) instead of ticking them to buy. */
  manage: boolean;
  picked: boolean;
  onPick: () => void;
  onToggle: () => void;
  onQty: (qty: number) => void;
  onRemove: () => void;
  onOpen: () => void;
}

/**
 * One cart line. A 失效 line (cannot be bought anywhere) is greyed with its stamp and only
 * deleted; a line out of stock only at this store, or short of stock, says so and cannot be ticked.
 */
export function CartLineItem({ line, busy, manage, picked, onPick, onToggle, onQty, onRemove, onOpen }: CartLineItemProps) {
  const gone = line.invalid;
  const stamp = gone ? (line.state === 'off_shelf' ? '已下架' : '已售罄') : line.state === 'out_of_stock' ? '门店缺货' : null;
  const note =
    line.state === 'insufficient'
      ? `库存不足，仅剩${line.sellable}件`
      : line.state === 'off_shelf'
        ? '商品已下架，看看其他商品吧'
        : line.state === 'out_of_stock'
          ? gone
            ? '该商品已售罄，看看其他商品吧'
            : '该门店暂时缺货，可切换门店看看'
          : null;
  return (
    <View className={`cart-line ${gone ? 'cart-line--gone' : ''} ${line.state !== 'ok' ? 'cart-line--blocked' : ''}`} data-sku={line.skuId}>
      {manage ? (
        <CheckCircle checked={picked} onClick={onPick} />
      ) : (
        <CheckCircle checked={line.selected && line.state === 'ok'} disabled={line.state !== 'ok' || busy} onClick={onToggle} />
      )}
      <View className="cart-line__media" onClick={onOpen}>
        <Image className="cart-line__image" src={mediaUrl(line.imageUrl)} mode="aspectFill" lazyLoad />
        {stamp && <Text className="cart-line__stamp">{stamp}</Text>}
      </View>
      <View className="cart-line__body">
        <View className="cart-line__top">
          <Text className="cart-line__title" onClick={onOpen}>
            {line.title}
          </Text>
          {!manage && (
            <Text className="cart-line__remove" onClick={onRemove}>
              删除
            </Text>
          )}
        </View>
        {line.specText && <Text className="cart-line__spec">{line.specText}</Text>}
        {note && <Text className="cart-line__note">{note}</Text>}
        <View className="cart-line__foot">
          <View className="cart-line__price">
            <Price fen={line.priceFen} listFen={gone ? null : line.listPriceFen} size="sm" />
          </View>
          {!gone && (
            <QtyStepper
              size="sm"
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
