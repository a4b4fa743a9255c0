import { Image, Text, View } from '@tarojs/components';
import { formatCount } from '../../utils/format';
import { mediaUrl } from '../../utils/media';
import { openPage } from '../../utils/navigate';
import type { ProductSummary } from '../../services/catalog';
import { Price } from '../Price';
import './index.scss';
import { routes } from '../../routes';

export interface ProductCardProps {
  title: string;
  /** As the BFF sent it (relative demo pictures are resolved here). */
  imageUrl: string;
  priceFen: number;
  listPriceFen?: number | null;
  salesCount?: number;
  /** Activity badges in front of the title: 拼团 / 秒杀 / 直播. */
  tags?: string[];
  onClick?: () => void;
}

/** A product tile for two-column grids. */
export function ProductCard({ title, imageUrl, priceFen, listPriceFen, salesCount, tags = [], onClick }: ProductCardProps) {
  const src = mediaUrl(imageUrl);
  return (
    <View className="product-card" hoverClass="product-card--pressed" onClick={onClick}>
      <View className="product-card__media">{src && <Image className="product-card__image" src={src} mode="aspectFill" lazyLoad />}</View>
      <View className="product-card__body">
        <View className="product-card__title">
          {tags.map((tag) => (
            <Text key={tag} className="product-card__tag">
              {tag}
            </Text>
          ))}
          <Text>{title}</Text>
        </View>
        <View className="product-card__foot">
          <Price fen={priceFen} listFen={listPriceFen} size="sm" />
          {salesCount !== undefined && <Text className="product-card__sales">已售{formatCount(salesCount)}</Text>}
        </View>
      </View>
    </View>
  );
}

/** A product from a list endpoint as a card that opens its detail page (home, search, category). */
export function ProductSummaryCard({ product }: { product: ProductSummary }) {
  return (
    <ProductCard
      title={product.title}
      imageUrl={product.imageUrl}
      priceFen={product.minPriceFen}
      listPriceFen={product.listPriceFen}
      salesCount={product.salesCount}
      tags={product.tags}
      onClick={() => openPage(routes.product({ id: product.id }))}
    />
  );
}
