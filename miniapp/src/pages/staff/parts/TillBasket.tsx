import Taro from '@tarojs/taro';
import { Image, Input, Text, View } from '@tarojs/components';
import { PillButton } from '../../../components/PillButton';
import { QtyStepper } from '../../../components/QtyStepper';
import { canScan } from '../../../platform/scan';
import { formatFen } from '../../../utils/money';
import { mediaUrl } from '../../../utils/media';
import { basketPieces, MAX_LINE_QTY } from '../../../utils/till';
import type { TillModel } from '../useTill';

/** 商品: scan or type a barcode / SKU id; the priced lines with quantity steppers. */
export function TillBasket({ till }: { till: TillModel }) {
  const { quote, lines } = till;
  const byId = new Map((quote?.items ?? []).map((item) => [item.skuId, item]));
  return (
    <View className="staff-section till-basket card">
      <View className="staff-section__head">
        <Text className="staff-section__title">商品</Text>
        <Text className="staff-section__extra">{lines.length > 0 ? `共 ${basketPieces(lines)} 件` : '扫码或输入条码添加'}</Text>
      </View>
      <View className="staff-code">
        <View className={`staff-code__box ${till.itemError ? 'staff-code__box--error' : ''}`}>
          <Input
            className="staff-code__input till-basket__input"
            type="text"
            value={till.itemCode}
            maxlength={32}
            placeholder="条码 / 商品编号"
            placeholderClass="staff-code__placeholder"
            confirmType="done"
            onInput={(event) => till.setItemCode(event.detail.value)}
            onConfirm={() => till.addItem(till.itemCode)}
          />
        </View>
        {canScan ? (
          <PillButton variant="outline" className="staff-code__scan" onClick={till.scanItem}>
            扫一扫
          </PillButton>
        ) : null}
        <PillButton
          className="staff-code__submit till-basket__add"
          disabled={till.itemCode === ''}
          onClick={() => till.addItem(till.itemCode)}
        >
          添加
        </PillButton>
      </View>
      {till.itemError && <Text className="staff-code__error">{till.itemError}</Text>}

      {lines.length === 0 ? (
        <View className="till-basket__empty">
          <Text>还没有商品</Text>
          <Text className="till-basket__empty-sub">扫描商品包装上的条码，或输入库存列表中的商品编号</Text>
        </View>
      ) : (
        lines.map((line) => {
          const item = byId.get(line.skuId);
          const short = item !== undefined && item.sellableAtTill < line.qty;
          return (
            <View key={line.skuId} className="till-line">
              <Image className="till-line__thumb" src={mediaUrl(item?.imageUrl)} mode="aspectFill" />
              <View className="till-line__body">
                <View className="till-line__top">
                  <Text className="till-line__title">{item?.title ?? `商品 ${line.skuId}`}</Text>
                  <Text className="till-line__remove" onClick={() => till.changeQty(line.skuId, 0)}>
                    删除
                  </Text>
                </View>
                {item?.specText && <Text className="till-line__spec">{item.specText}</Text>}
                {short && <Text className="till-line__short">门店库存仅剩 {item.sellableAtTill} 件</Text>}
                <View className="till-line__foot">
                  <Text className="till-line__price">{item ? `¥${formatFen(item.unitPriceFen)}` : '—'}</Text>
                  <QtyStepper
                    value={line.qty}
                    max={Math.max(line.qty, Math.min(MAX_LINE_QTY, item?.sellableAtTill ?? MAX_LINE_QTY))}
                    onChange={(qty) => till.changeQty(line.skuId, qty)}
                    onLimit={() => void Taro.showToast({ title: `门店库存仅剩 ${item?.sellableAtTill ?? 0} 件`, icon: 'none' })}
                  />
                </View>
              </View>
            </View>
          );
        })
      )}
    </View>
  );
}
