import Taro from '@tarojs/taro';
import { Image, Text, View } from '@tarojs/components';
import { Price } from '../../../components/Price';
import { BottomSheet } from '../../../components/BottomSheet';
import { QtyStepper } from '../../../components/QtyStepper';
import type { ProductDetail, Sku } from '../../../services/catalog';
import { mediaUrl } from '../../../utils/media';
import { MAX_LINE_QTY, isValueAvailable, missingSpecs, stockHint, toggleValue, type SpecSelection } from '../../../utils/sku';

/** `choose`: opened from 已选, offers both actions; `cart` / `buy`: finishes that action. */
export type SheetMode = 'choose' | 'cart' | 'buy';

interface SkuSheetProps {
  mode: SheetMode | null;
  product: ProductDetail;
  selection: SpecSelection;
  sku: Sku | null;
  qty: number;
  /** Stock shown is at this store. */
  storeName: string | null;
  busy: boolean;
  onSelect: (selection: SpecSelection) => void;
  onQty: (qty: number) => void;
  onClose: () => void;
  onAdd: () => void;
  onBuy: () => void;
}

/**
 * The SKU picker: one row per spec dimension. A value is greyed out when, with the values
 * already chosen, it leads to no SKU or to none in stock at the pickup store.
 */
export function SkuSheet({ mode, product, selection, sku, qty, storeName, busy, onSelect, onQty, onClose, onAdd, onBuy }: SkuSheetProps) {
  const missing = missingSpecs(product.specs, selection);
  const hint = sku ? stockHint(sku.sellable) : null;
  const image = mediaUrl(sku?.imageUrl ?? product.images[0]);
  const cheapest = product.skus.find((candidate) => candidate.priceFen === product.minPriceFen);
  // Greyed only when it cannot work whatever is chosen; an open choice is prompted for on tap.
  const blocked = product.status !== 'on_sale' || (sku !== null && sku.sellable <= 0);
  const maxQty = sku ? Math.max(1, Math.min(sku.sellable, MAX_LINE_QTY)) : 1;

  const guard = (action: () => void) => () => {
    if (busy) return;
    if (product.status !== 'on_sale') {
      void Taro.showToast({ title: '商品已下架', icon: 'none' });
    } else if (!sku) {
      void Taro.showToast({ title: `请选择 ${missing.join(' ')}`, icon: 'none' });
    } else if (sku.sellable <= 0) {
      void Taro.showToast({ title: '该规格在当前门店无货，换个规格或门店试试', icon: 'none' });
    } else {
      action();
    }
  };

  const footer =
    mode === 'choose' ? (
      <View className={`sku-sheet__actions ${blocked ? 'sku-sheet__actions--off' : ''}`}>
        <View className="sku-sheet__button sku-sheet__button--cart" onClick={guard(onAdd)}>
          加入购物车
        </View>
        <View className="sku-sheet__button sku-sheet__button--buy" onClick={guard(onBuy)}>
          立即购买
        </View>
      </View>
    ) : (
      <View className={`sku-sheet__actions ${blocked ? 'sku-sheet__actions--off' : ''}`}>
        <View
          className="sku-sheet__button sku-sheet__button--buy sku-sheet__button--single"
          onClick={guard(mode === 'buy' ? onBuy : onAdd)}
        >
          {sku && sku.sellable <= 0 ? '当前门店无货' : '确定'}
        </View>
      </View>
    );

  return (
    <BottomSheet open={mode !== null} onClose={onClose} footer={footer} className="sku-sheet">
      <View className="sku-sheet__head">
        {image ? <Image className="sku-sheet__image" src={image} mode="aspectFill" /> : <View className="sku-sheet__image" />}
        <View className="sku-sheet__summary">
          <Price fen={sku?.priceFen ?? product.minPriceFen} listFen={sku ? sku.listPriceFen : cheapest?.listPriceFen} size="lg" />
          {hint && <Text className={`sku-sheet__stock sku-sheet__stock--${hint.tone}`}>{hint.text}</Text>}
          <Text className="sku-sheet__chosen">{sku ? `已选：${sku.specText || '默认规格'}` : `请选择 ${missing.join(' ')}`}</Text>
        </View>
      </View>
      {product.specs.map((spec) => (
        <View key={spec.name} className="sku-sheet__spec">
          <Text className="sku-sheet__spec-name">{spec.name}</Text>
          <View className="sku-sheet__values">
            {spec.values.map((value) => {
              const chosen = selection[spec.name] === value;
              const available = isValueAvailable(product.skus, selection, spec.name, value);
              return (
                <Text
                  key={value}
                  className={`sku-sheet__value ${chosen ? 'sku-sheet__value--chosen' : ''} ${available ? '' : 'sku-sheet__value--off'}`}
                  // A greyed value that is chosen (stock ran out at this store) can still be unticked.
                  onClick={() => (available || chosen) && onSelect(toggleValue(selection, spec.name, value))}
                >
                  {value}
                </Text>
              );
            })}
          </View>
        </View>
      ))}
      <View className="sku-sheet__qty">
        <View className="sku-sheet__qty-text">
          <Text className="sku-sheet__spec-name">购买数量</Text>
          {storeName && <Text className="sku-sheet__store">库存以「{storeName}」为准</Text>}
        </View>
        <QtyStepper
          value={qty}
          max={maxQty}
          disabled={!sku || sku.sellable <= 0}
          onChange={onQty}
          onLimit={() =>
            void Taro.showToast({ title: qty >= MAX_LINE_QTY ? `最多购买${MAX_LINE_QTY}件` : `仅剩${sku?.sellable ?? 0}件`, icon: 'none' })
          }
        />
      </View>
    </BottomSheet>
  );
}
