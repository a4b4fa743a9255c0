import { Image, Text, View } from '@tarojs/components';
import { Price } from '../../../components/Price';
import type { FavoriteItem } from '../../../services/favorite';
import { mediaUrl } from '../../../utils/media';

interface FavoriteRowProps {
  item: FavoriteItem;
  removing: boolean;
  onOpen: () => void;
  onRemove: () => void;
}

/** One 收藏: picture, name, price; a product taken off sale is greyed as 已下架 (it can still be removed). */
export function FavoriteRow({ item, removing, onOpen, onRemove }: FavoriteRowProps) {
  const off = item.status === 'off_shelf';
  return (
    <View className={`favorite-row ${off ? 'favorite-row--off' : ''}`} data-product={item.productId}>
      <View className="favorite-row__media" onClick={onOpen}>
        <Image className="favorite-row__image" src={mediaUrl(item.imageUrl)} mode="aspectFill" lazyLoad />
        {off && <Text className="favorite-row__stamp">已下架</Text>}
      </View>
      <View className="favorite-row__body">
        <Text className="favorite-row__title" onClick={onOpen}>
          {item.title}
        </Text>
        {item.subtitle && <Text className="favorite-row__subtitle">{item.subtitle}</Text>}
        <View className="favorite-row__foot">
          {off ? (
            <Text className="favorite-row__off">商品已下架</Text>
          ) : (
            <Price fen={item.minPriceFen} listFen={item.listPriceFen} size="sm" />
          )}
          <Text
            className={`favorite-row__remove ${removing ? 'favorite-row__remove--busy' : ''}`}
            onClick={removing ? undefined : onRemove}
          >
            取消收藏
          </Text>
        </View>
      </View>
    </View>
  );
}
