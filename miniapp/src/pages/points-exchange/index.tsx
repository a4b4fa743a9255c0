import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { StateView } from '../../components/StateView';
import { CouponTicket, TicketButton } from '../../components/CouponTicket';
import { useDidShowAgain } from '../../hooks/useDidShowAgain';
import type { ExchangeItem } from '../../services/coupon';
import { openPage } from '../../utils/navigate';
import { useExchange } from './useExchange';
import './index.scss';
import { routes } from '../../routes';

/** 兑换's label: what stops it (售罄, 积分不足) or what it costs. */
function actionOf(item: ExchangeItem): { text: string; enabled: boolean } {
  if (item.stock <= 0) return { text: '已兑完', enabled: false };
  if (!item.affordable) return { text: '积分不足', enabled: false };
  return { text: '兑换', enabled: true };
}

/** 积分兑换: the points balance, and the coupons it buys. */
export default function PointsExchangePage() {
  const { state, busyId, exchange, refresh, reload } = useExchange();
  usePullDownRefresh(() => {
    void refresh().finally(() => Taro.stopPullDownRefresh());
  });
  useDidShowAgain(() => void refresh());

  const data = state.status === 'ready' ? state.data : null;
  return (
    <View className="points-exchange page-root">
      <View className="points-exchange__hero">
        <Text className="points-exchange__label">我的积分</Text>
        <Text className="points-exchange__balance">{data ? data.pointsBalance : '--'}</Text>
        <View className="points-exchange__links">
          <Text className="points-exchange__link" onClick={() => openPage(routes.points())}>
            积分明细
          </Text>
          <Text className="points-exchange__link" onClick={() => openPage(routes.couponMine())}>
            我的优惠券
          </Text>
        </View>
      </View>
      <View className="points-exchange__list">
        {state.status === 'loading' && <StateView kind="loading" />}
        {state.status === 'error' && <StateView kind="error" message={state.message} onRetry={() => void reload()} />}
        {data && data.items.length === 0 && (
          <StateView kind="empty" title="暂无可兑换的优惠券" description="兑换好券陆续上新，下单或到店消费可累积积分" />
        )}
        {data?.items.map((item) => {
          const action = actionOf(item);
          return (
            <CouponTicket
              key={item.id}
              face={item.face}
              name={item.name}
              lines={[`${item.face.scopeText} · ${item.face.channelText}`, item.validityText]}
              muted={item.stock <= 0}
              stamp={item.stock <= 0 ? '已兑完' : null}
              action={
                <View className="exchange-action">
                  <Text className="exchange-action__cost">{item.pointsCost}</Text>
                  <Text className="exchange-action__unit">积分</Text>
                  <TicketButton disabled={!action.enabled || busyId !== null} onClick={() => void exchange(item)}>
                    {busyId === item.id ? '兑换中' : action.text}
                  </TicketButton>
                </View>
              }
            />
          );
        })}
        {data && data.items.length > 0 && (
          <Text className="points-exchange__note">兑换的优惠券在「我的优惠券」查看，积分兑换后不可退回</Text>
        )}
      </View>
    </View>
  );
}
