import { Image, Text, View } from '@tarojs/components';
import { Price } from '../../../components/Price';
import type { ProductSummary } from '../../../services/catalog';
import { formatCount } from '../../../utils/format';
import { mediaUrl } from '../../../utils/media';
import { openPage } from '../../../utils/navigate';
import { routes } from '../../../routes';

/** A product of the chosen category as a row (picture, name, activity tags, price, sales), as 京东 / 盒马 list them. */
export function ProductRow({ product }: { product: ProductSummary }) {
  const src = mediaUrl(product.imageUrl);
  return (
    <View className="category-row" hoverClass="category-row--pressed" onClick={() => openPage(routes.product({ id: product.id }))}>
      <View className="category-row__media">{src && <Image className="category-row__image" src={src} mode="aspectFill" lazyLoad />}</View>
      <View className="category-row__body">
        <Text className="category-row__title">{product.title}</Text>
        {product.subtitle && <Text className="category-row__subtitle">{product.subtitle}</Text>}
        {product.tags.length > 0 && (
          <View className="category-row__tags">
            {product.tags.map((tag) => (
              <Text key={tag} className="category-row__tag">
                {tag}
              </Text>
            ))}
          </View>
        )}
        <View className="category-row__foot">
          <Price fen={product.minPriceFen} listFen={product.listPriceFen} size="sm" />
          <Text className="category-row__sales">已售{formatCount(product.salesCount)}</Text>
        </View>
      </View>
    </View>
  );
}
