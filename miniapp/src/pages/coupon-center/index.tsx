import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { StateView } from '../../components/StateView';
// After StateView: CouponTicket's styles come after PillButton's (components/README.md).
import { CenterTicket } from './parts/CenterTicket';
import { openPage } from '../../utils/navigate';
import { useClaimCenter } from './useClaimCenter';
import './index.scss';
import { routes } from '../../routes';

/** 领券中心 (`?productId=`: only the coupons that cover that product, from its 领券 row). */
export default function CouponCenterPage() {
  const { params } = useRouter();
  const productId = params.productId && /^\d+$/.test(params.productId) ? Number(params.productId) : null;
  const center = useClaimCenter(productId);
  const { state } = center;

  usePullDownRefresh(() => {
    void center.refresh().finally(() => Taro.stopPullDownRefresh());
  });

  return (
    <View className="coupon-center page-root">
      <View className="coupon-center__hero">
        <Text className="coupon-center__title">{productId !== null ? '本商品可领优惠券' : '领券中心'}</Text>
        <Text className="coupon-center__sub">先领券再下单，结算时自动使用最优惠的一张</Text>
        <View className="coupon-center__links">
          <Text className="coupon-center__link" onClick={() => openPage(routes.couponMine())}>
            我的优惠券
          </Text>
          <Text className="coupon-center__link" onClick={() => openPage(routes.pointsExchange())}>
            积分兑换
          </Text>
          <Text className="coupon-center__link" onClick={() => openPage(routes.couponScan())}>
            扫码领券
          </Text>
        </View>
      </View>
      <View className="coupon-center__list">
        {state.status === 'loading' && <StateView kind="loading" />}
        {state.status === 'error' && <StateView kind="error" message={state.message} onRetry={() => void center.reload()} />}
        {state.status === 'ready' && center.items.length === 0 && (
          <StateView
            kind="empty"
            title={productId !== null ? '该商品暂无可领的优惠券' : '暂时没有可领的优惠券'}
            description="新券上线会第一时间出现在这里"
            action={{ text: '去逛逛', onClick: () => openPage(routes.home()) }}
          />
        )}
        {center.items.map((coupon) => (
          <CenterTicket
            key={coupon.templateId}
            coupon={coupon}
            claiming={center.claiming === coupon.templateId}
            onClaim={() => void center.claim(coupon)}
          />
        ))}
      </View>
    </View>
  );
}
