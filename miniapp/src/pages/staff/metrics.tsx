import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useCallback } from 'react';
import { StateView } from '../../components/StateView';
import { usePageData } from '../../hooks/usePageData';
import { getStoreMetrics } from '../../services/staff';
import { formatFen } from '../../utils/money';
import { openPage } from '../../utils/navigate';
import { channelLabel, formatQueueTime } from '../../utils/staff';
import { formatDateChinese, shanghaiToday } from '../../utils/time';
import { StaffGate, type StaffAtStore } from './parts/StaffGate';
import { useStaff } from './useStaff';
import './staff.scss';
import './metrics.scss';
import { routes } from '../../routes';

/** 经营数据 (managers): today's sales by channel, the pickup pipeline, and verification lockouts. */
export default function StaffMetricsPage() {
  const gate = useStaff('manager');
  return <StaffGate gate={gate}>{(staff) => <MetricsView staff={staff} />}</StaffGate>;
}

function MetricsView({ staff }: { staff: StaffAtStore }) {
  const { storeId } = staff;
  const readMetrics = useCallback(() => getStoreMetrics(storeId, { silent: true }), [storeId]);
  const { state, refresh, reload } = usePageData(readMetrics);

  useDidShow(() => void refresh());
  usePullDownRefresh(() => {
    void refresh().finally(() => Taro.stopPullDownRefresh());
  });

  if (state.status === 'loading') return <StateView kind="loading" />;
  if (state.status === 'error') return <StateView kind="error" message={state.message} onRetry={() => void reload()} />;

  const metrics = state.data;
  const totalFen = metrics.gmvByChannel.reduce((sum, row) => sum + row.gmvFen, 0);
  const totalOrders = metrics.gmvByChannel.reduce((sum, row) => sum + row.orders, 0);
  const { pickups } = metrics;
  return (
    <View className="staff-metrics page-root">
      <View className="staff-metrics__hero">
        <Text className="staff-metrics__date">
          {staff.storeName} · {formatDateChinese(shanghaiToday(Date.parse(metrics.date)))}
        </Text>
        <Text className="staff-metrics__label">今日销售额（元）</Text>
        <Text className="staff-metrics__total">{formatFen(totalFen)}</Text>
        <Text className="staff-metrics__orders">共 {totalOrders} 笔订单 · 按付款时间统计</Text>
      </View>

      <View className="staff-metrics__body">
        <View className="staff-section card">
          <View className="staff-section__head">
            <Text className="staff-section__title">渠道销售</Text>
          </View>
          {metrics.gmvByChannel.map((row) => {
            const share = totalFen > 0 ? Math.round((row.gmvFen / totalFen) * 100) : 0;
            return (
              <View key={row.channel} className="metrics-channel">
                <View className="metrics-channel__top">
                  <Text className="metrics-channel__name">{channelLabel(row.channel)}</Text>
                  <Text className="metrics-channel__orders">{row.orders} 单</Text>
                  <Text className="metrics-channel__amount">¥{formatFen(row.gmvFen)}</Text>
                </View>
                <View className="metrics-channel__track">
                  <View className={`metrics-channel__bar metrics-channel__bar--${row.channel}`} style={{ width: `${share}%` }} />
                </View>
              </View>
            );
          })}
        </View>

        <View className="staff-section card">
          <View className="staff-section__head">
            <Text className="staff-section__title">门店自提</Text>
            <Text className="staff-section__extra">当前进行中</Text>
          </View>
          <View className="metrics-pickups">
            <PickupStat value={pickups.preparing} label="待备货" onClick={() => openPage(routes.staffOrders({ tab: 'preparing' }))} />
            <PickupStat value={pickups.ready} label="待取货" onClick={() => openPage(routes.staffOrders({ tab: 'ready_for_pickup' }))} />
            <PickupStat
              value={pickups.overdue}
              label="超时未取"
              alert
              onClick={() => openPage(routes.staffOrders({ tab: 'ready_for_pickup' }))}
            />
          </View>
          {pickups.overdue > 0 && <Text className="metrics-pickups__hint">有顾客超时未取货，建议电话提醒，逾期将自动退款</Text>}
        </View>

        <View className="staff-section card">
          <View className="staff-section__head">
            <Text className="staff-section__title">核销安全</Text>
            <Text className="staff-section__extra">今日锁定 {metrics.lockouts.length} 次</Text>
          </View>
          {metrics.lockouts.length === 0 ? (
            <Text className="metrics-lockouts__empty">今日没有因取货码错误次数过多而锁定的情况</Text>
          ) : (
            metrics.lockouts.map((lockout) => (
              <View key={`${lockout.staffId}-${lockout.at}`} className="metrics-lockouts__row">
                <View className="metrics-lockouts__dot" />
                <View className="metrics-lockouts__text">
                  <Text className="metrics-lockouts__who">{lockout.nickname}</Text>
                  <Text className="metrics-lockouts__what">取货码错误次数过多，已临时锁定核销</Text>
                </View>
                <Text className="metrics-lockouts__time">{formatQueueTime(lockout.at)}</Text>
              </View>
            ))
          )}
        </View>
      </View>
    </View>
  );
}

function PickupStat({ value, label, alert = false, onClick }: { value: number; label: string; alert?: boolean; onClick: () => void }) {
  return (
    <View
      className={`metrics-pickups__stat ${alert && value > 0 ? 'metrics-pickups__stat--alert' : ''}`}
      hoverClass="metrics-pickups__stat--pressed"
      onClick={onClick}
    >
      <Text className="metrics-pickups__value">{value}</Text>
      <Text className="metrics-pickups__label">{label}</Text>
    </View>
  );
}
