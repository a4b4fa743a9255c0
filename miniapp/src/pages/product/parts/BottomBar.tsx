import { Button, Image, Text, View } from '@tarojs/components';
import serviceIcon from '../../../assets/product/service.png';
import starActiveIcon from '../../../assets/product/star-active.png';
import starIcon from '../../../assets/product/star.png';
import cartIcon from '../../../assets/tabbar/cart.png';
import homeIcon from '../../../assets/tabbar/home.png';
import { contactButtonProps } from '../../../platform/contact';
import { formatFen } from '../../../utils/money';

/** With a 拼团 running the two actions are 单独购买 and 发起拼团, each with its price. */
export interface GroupActions {
  alonePriceFen: number;
  groupPriceFen: number;
  onAlone: () => void;
  onGroup: () => void;
}

interface BottomBarProps {
  onSale: boolean;
  /** Pieces in the cart (0 hides the badge). */
  cartCount: number;
  busy: boolean;
  onHome: () => void;
  onCart: () => void;
  onAdd: () => void;
  onBuy: () => void;
  group?: GroupActions | null;
  favorited: boolean;
  onFavorite: () => void;
  /** 客服 where WeChat's customer-service chat is not there (H5): the store's phone. */
  onContactOtherwise: () => void;
}

/**
 * 首页 · 客服 · 收藏 · 购物车 · 加入购物车 · 立即购买 (or 单独购买 · 发起拼团 on a 拼团 product),
 * pinned to the bottom; a taken-down product cannot be bought (but can still be kept or asked about).
 */
export function BottomBar({
  onSale,
  cartCount,
  busy,
  onHome,
  onCart,
  onAdd,
  onBuy,
  group,
  favorited,
  onFavorite,
  onContactOtherwise,
}: BottomBarProps) {
  const inactive = busy || !onSale;
  return (
    <View className="product-bar">
      {!onSale && <Text className="product-bar__notice">商品已下架，暂时无法购买</Text>}
      <View className="product-bar__icon" onClick={onHome}>
        <Image className="product-bar__icon-image" src={homeIcon} />
        <Text>首页</Text>
      </View>
      <Button className="product-bar__icon product-bar__icon--button" {...contactButtonProps(onContactOtherwise)}>
        <Image className="product-bar__icon-image" src={serviceIcon} />
        <Text>客服</Text>
      </Button>
      <View className={`product-bar__icon ${favorited ? 'product-bar__icon--on' : ''}`} onClick={onFavorite}>
        <Image className="product-bar__icon-image" src={favorited ? starActiveIcon : starIcon} />
        <Text>{favorited ? '已收藏' : '收藏'}</Text>
      </View>
      <View className="product-bar__icon" onClick={onCart}>
        <Image className="product-bar__icon-image" src={cartIcon} />
        {cartCount > 0 && <Text className="product-bar__badge">{cartCount > 99 ? '99+' : cartCount}</Text>}
        <Text>购物车</Text>
      </View>
      <View className={`product-bar__actions ${!onSale ? 'product-bar__actions--disabled' : busy ? 'product-bar__actions--busy' : ''}`}>
        {group ? (
          <>
            <View
              className="product-bar__button product-bar__button--cart product-bar__button--stacked"
              onClick={inactive ? undefined : group.onAlone}
            >
              <Text className="product-bar__button-price">¥{formatFen(group.alonePriceFen)}</Text>
              <Text className="product-bar__button-text">单独购买</Text>
            </View>
            <View
              className="product-bar__button product-bar__button--buy product-bar__button--stacked"
              onClick={inactive ? undefined : group.onGroup}
            >
              <Text className="product-bar__button-price">¥{formatFen(group.groupPriceFen)}</Text>
              <Text className="product-bar__button-text">发起拼团</Text>
            </View>
          </>
        ) : (
          <>
            <View className="product-bar__button product-bar__button--cart" onClick={inactive ? undefined : onAdd}>
              加入购物车
            </View>
            <View className="product-bar__button product-bar__button--buy" onClick={inactive ? undefined : onBuy}>
              立即购买
            </View>
          </>
        )}
      </View>
    </View>
  );
}
