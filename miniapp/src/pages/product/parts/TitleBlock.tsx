import { Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';
import { Price } from '../../../components/Price';
import type { ProductDetail, Sku } from '../../../services/catalog';
import { formatCount } from '../../../utils/format';

/** Price (with 划线价), title (with the 分享 button beside it), subtitle, brand and sales; the chosen SKU's price once there is one. */
export function TitleBlock({ product, sku, share }: { product: ProductDetail; sku: Sku | null; share?: ReactNode }) {
  const cheapest = product.skus.find((candidate) => candidate.priceFen === product.minPriceFen) ?? null;
  const shown = sku ?? cheapest;
  const priceFen = shown?.priceFen ?? product.minPriceFen;
  const ranged = !sku && product.skus.some((candidate) => candidate.priceFen !== product.minPriceFen);
  return (
    <View className="product-title card">
      <View className="product-title__price-row">
        <Price fen={priceFen} listFen={shown?.listPriceFen} size="lg" />
        {ranged && <Text className="product-title__from">起</Text>}
        <Text className="product-title__sales">已售 {formatCount(product.salesCount)}</Text>
      </View>
      <View className="product-title__title-row">
        <Text className="product-title__title">{product.title}</Text>
        {share}
      </View>
      {product.subtitle && <Text className="product-title__subtitle">{product.subtitle}</Text>}
      <View className="product-title__meta">
        {product.brand && <Text className="product-title__brand">{product.brand}</Text>}
        {product.category && (
          <Text className="product-title__category">
            {product.category.parentName ? `${product.category.parentName} · ${product.category.name}` : product.category.name}
          </Text>
        )}
      </View>
      {product.status === 'off_shelf' && <Text className="product-title__off">该商品已下架，看看其他商品吧</Text>}
    </View>
  );
}
