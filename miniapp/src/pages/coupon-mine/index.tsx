import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import { StateView } from '../../components/StateView';
// After StateView: CouponTicket, then BottomSheet (components/README.md).
import { MyCouponTicket } from './parts/MyCouponTicket';
import { CodeSheet } from './parts/CodeSheet';
import { useDidShowAgain } from '../../hooks/useDidShowAgain';
import { getShareableTemplates, type CouponTab, type MyCoupon, type ShareableTemplate } from '../../services/coupon';
import { COUPON_TABS } from '../../utils/coupon';
import { openPage } from '../../utils/navigate';
import { useMyCoupons } from './useMyCoupons';
import './index.scss';
import { routes } from '../../routes';

const EMPTY: Record<CouponTab, { title: string; description: string }> = {
  available: { title: '暂无可用优惠券', description: '去领券中心看看，先领券再下单更划算' },
  used: { title: '还没有用过优惠券', description: '下单或到店消费时使用的券会出现在这里' },
  expired: { title: '没有过期的优惠券', description: '即将过期的券会提前提醒你' },
};

/** 我的优惠券 (`?tab=` opens 可使用 / 已使用 / 已过期). */
export default function CouponMinePage() {
  const { params } = useRouter();
  const [tab, setTab] = useState<CouponTab>(() => COUPON_TABS.find((item) => item.tab === params.tab)?.tab ?? 'available');
  const { state, counts, reload, refresh } = useMyCoupons(tab);
  const [showing, setShowing] = useState<MyCoupon | null>(null);

  usePullDownRefresh(() => {
    void refresh().finally(() => Taro.stopPullDownRefresh());
  });
  // Back from checkout or the store: a coupon may have been used meanwhile.
  useDidShowAgain(() => void refresh());

  const items = state.status === 'ready' ? state.page.items : [];
  // 邀请好友领券: a 好友分享 coupon I hold is passed on first, else the first template on offer.
  const [shareable, setShareable] = useState<ShareableTemplate[]>([]);
  useEffect(() => {
    getShareableTemplates({ silent: true }).then(setShareable, () => setShareable([]));
  }, []);
  const held = items.find((coupon) => coupon.source === 'share')?.templateId;
  const invite = shareable.find((t) => t.templateId === held) ?? shareable[0];

  const use = (coupon: MyCoupon) => {
    // Scoped coupons send the customer to browse; the checkout picks the best coupon by itself.
    openPage(coupon.face.scopeText === '全场通用' ? routes.home() : routes.category());
  };

  return (
    <View className="coupon-mine page-root">
      <View className="coupon-mine-tabs">
        {COUPON_TABS.map((item) => (
          <View
            key={item.tab}
            className={`coupon-mine-tabs__item ${item.tab === tab ? 'coupon-mine-tabs__item--on' : ''}`}
            onClick={() => setTab(item.tab)}
          >
            {item.label}
            {counts ? `(${counts[item.tab]})` : ''}
          </View>
        ))}
      </View>

      <View className="coupon-mine__body">
        <View className="coupon-mine__entries card">
          <View className="coupon-mine__entry" onClick={() => openPage(routes.couponCenter())}>
            <Text className="coupon-mine__entry-title">领券中心</Text>
            <Text className="coupon-mine__entry-sub">好券天天领</Text>
          </View>
          <View className="coupon-mine__entry" onClick={() => openPage(routes.pointsExchange())}>
            <Text className="coupon-mine__entry-title">积分兑换</Text>
            <Text className="coupon-mine__entry-sub">积分换好券</Text>
          </View>
          <View className="coupon-mine__entry" onClick={() => openPage(routes.couponScan())}>
            <Text className="coupon-mine__entry-title">扫码领券</Text>
            <Text className="coupon-mine__entry-sub">门店海报领券</Text>
          </View>
        </View>

        {invite && (
          <View
            className="coupon-mine__invite"
            hoverClass="coupon-mine__invite--pressed"
            onClick={() => openPage(routes.couponShare({ templateId: invite.templateId }))}
          >
            <View className="coupon-mine__invite-text">
              <Text className="coupon-mine__invite-title">邀请好友领券</Text>
              <Text className="coupon-mine__invite-sub">
                好友领券{invite.face.label}，{invite.shareGoal} 位好友领取后你得{invite.reward.face.label}
              </Text>
            </View>
            <Text className="coupon-mine__invite-go">去邀请</Text>
          </View>
        )}

        {state.status === 'loading' && <StateView kind="loading" />}
        {state.status === 'error' && <StateView kind="error" message={state.message} onRetry={() => void reload()} />}
        {state.status === 'ready' && items.length === 0 && (
          <StateView
            kind="empty"
            title={EMPTY[tab].title}
            description={EMPTY[tab].description}
            action={tab === 'available' ? { text: '去领券中心', onClick: () => openPage(routes.couponCenter()) } : undefined}
          />
        )}
        {items.length > 0 && (
          <View className="coupon-mine__list">
            {items.map((coupon) => (
              <MyCouponTicket key={coupon.id} coupon={coupon} onUse={() => use(coupon)} onShowCode={() => setShowing(coupon)} />
            ))}
          </View>
        )}
      </View>

      <CodeSheet coupon={showing} onClose={() => setShowing(null)} />
    </View>
  );
}
