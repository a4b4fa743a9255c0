import { Text, View } from '@tarojs/components';
import type { ProductDetail, Sku } from '../../../services/catalog';
import type { PickupStore } from '../../../stores/pickupStore';
import { formatDistance } from '../../../utils/format';
import { missingSpecs, stockHint, type SpecSelection } from '../../../utils/sku';

interface OptionRowsProps {
  product: ProductDetail;
  sku: Sku | null;
  selection: SpecSelection;
  qty: number;
  store: PickupStore | null;
  onOpenSku: () => void;
  onOpenStore: () => void;
}

/** 已选 (opens the SKU sheet), 自提 (opens the store picker) and the service promises. */
export function OptionRows({ product, sku, selection, qty, store, onOpenSku, onOpenStore }: OptionRowsProps) {
  const missing = missingSpecs(product.specs, selection);
  const hint = sku ? stockHint(sku.sellable) : null;
  return (
    <View className="product-options card">
      <View className="product-option" onClick={onOpenSku}>
        <Text className="product-option__label">已选</Text>
        <Text className={`product-option__value ${sku ? '' : 'product-option__value--muted'}`}>
          {sku ? `${sku.specText || '默认规格'}，${qty}件` : `请选择 ${missing.join(' ')}`}
        </Text>
        <View className="chevron product-option__chevron" />
      </View>
      <View className="product-option product-option--store" onClick={onOpenStore}>
        <Text className="product-option__label">自提</Text>
        <View className="product-option__value product-option__store">
          {store ? (
            <>
              <Text className="product-option__store-name">{store.name}</Text>
              <Text className="product-option__store-meta">
                {store.distanceMeters != null ? `距你 ${formatDistance(store.distanceMeters)} · ` : ''}
                {hint ? (
                  <Text className={`product-option__stock product-option__stock--${hint.tone}`}>
                    {hint.tone === 'out' ? '该门店无货，可换个门店' : `该门店${hint.text}`}
                  </Text>
                ) : (
                  '选好规格后显示门店库存'
                )}
              </Text>
            </>
          ) : (
            <Text className="product-option__value--muted">选择自提门店</Text>
          )}
        </View>
        <Text className="product-option__link">切换</Text>
        <View className="chevron product-option__chevron" />
      </View>
      <View className="product-option">
        <Text className="product-option__label">服务</Text>
        <Text className="product-option__value product-option__promise">门店自提 · 会员积分 · 线上线下同价</Text>
      </View>
    </View>
  );
}
