import { Image, Text, View } from '@tarojs/components';
import type { ProductDetail } from '../../../services/catalog';
import { mediaUrl } from '../../../utils/media';

/** 商品详情: the description and the pictures, full width. */
export function Description({ product }: { product: ProductDetail }) {
  return (
    <View className="product-description card">
      <View className="product-description__head">
        <View className="product-description__line" />
        <Text className="product-description__title">商品详情</Text>
        <View className="product-description__line" />
      </View>
      {product.description && <Text className="product-description__text">{product.description}</Text>}
      {product.specs.length > 0 && (
        <View className="product-description__specs">
          {product.brand && (
            <View className="product-description__spec">
              <Text className="product-description__spec-name">品牌</Text>
              <Text className="product-description__spec-value">{product.brand}</Text>
            </View>
          )}
          {product.specs.map((spec) => (
            <View key={spec.name} className="product-description__spec">
              <Text className="product-description__spec-name">{spec.name}</Text>
              <Text className="product-description__spec-value">{spec.values.join('、')}</Text>
            </View>
          ))}
        </View>
      )}
      {product.images.map((image) => (
        <Image key={image} className="product-description__image" src={mediaUrl(image)} mode="widthFix" lazyLoad />
      ))}
    </View>
  );
}
