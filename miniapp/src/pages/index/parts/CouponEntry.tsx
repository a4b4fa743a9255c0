import { Text, View } from '@tarojs/components';
import { openPage } from '../../../utils/navigate';
import { routes } from '../../../routes';

/** 领券中心's way in from the home page: a slim band under the categories. */
export function CouponEntry() {
  return (
    <View className="home-coupons" hoverClass="home-coupons--pressed" onClick={() => openPage(routes.couponCenter())}>
      <Text className="home-coupons__badge">领券</Text>
      <View className="home-coupons__text">
        <Text className="home-coupons__title">领券中心</Text>
        <Text className="home-coupons__sub">满减券、折扣券天天领，结算自动用最优惠</Text>
      </View>
      <Text className="home-coupons__go">去领券</Text>
    </View>
  );
}
