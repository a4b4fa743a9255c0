import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { Image, Text, View } from '@tarojs/components';
import { useState } from 'react';
import verifyIcon from '../../assets/staff/verify.png';
import queueIcon from '../../assets/staff/queue.png';
import pickedIcon from '../../assets/staff/picked.png';
import tillIcon from '../../assets/staff/till.png';
import stockIcon from '../../assets/staff/stock.png';
import afterSaleIcon from '../../assets/staff/after-sale.png';
import metricsIcon from '../../assets/staff/metrics.png';
import couponIcon from '../../assets/entry/coupons.png';
import couponQrIcon from '../../assets/entry/member-code.png';
import { PillButton } from '../../components/PillButton';
import { canScan, isScanCancelled, scan } from '../../platform/scan';
import { errorMessage } from '../../services/errors';
import { formatFen } from '../../utils/money';
import { openPage } from '../../utils/navigate';
import { formatQueueCount, hasRole, roleLabel } from '../../utils/staff';
import { StaffGate } from './parts/StaffGate';
import { StoreSheet } from './parts/StoreSheet';
import { WorkTile } from './parts/WorkTile';
import { useStaff, type StaffContext } from './useStaff';
import { useWorkspace } from './useWorkspace';
import './staff.scss';
import './index.scss';
import { routes } from '../../routes';

/** 店员工作台: the store, who is working, and the day's work as large tiles. */
export default function StaffHomePage() {
  const gate = useStaff();
  return (
    <StaffGate gate={gate} needsStore={false}>
      {(staff) => <Workspace staff={staff} onChooseStore={gate.chooseStore} />}
    </StaffGate>
  );
}

function Workspace({ staff, onChooseStore }: { staff: StaffContext; onChooseStore: (store: { id: number; name: string }) => void }) {
  const { counts, reload } = useWorkspace(staff);
  const [picking, setPicking] = useState(false);
  const manager = hasRole(staff.role, 'manager');
  const admin = staff.role === 'admin';

  usePullDownRefresh(() => {
    void reload().finally(() => Taro.stopPullDownRefresh());
  });

  const scanToVerify = () => {
    scan().then(
      (text) => openPage(routes.staffVerify({ code: text })),
      (error: unknown) => {
        if (!isScanCancelled(error)) void Taro.showToast({ title: errorMessage(error), icon: 'none' });
      },
    );
  };

  /** "2 单待备货"; `none` at 0; `idle` while unknown. */
  const count = (value: number | null, unit: string, none: string, idle: string) => {
    if (value === null) return idle;
    return value === 0 ? none : `${formatQueueCount(value)} ${unit}`;
  };
  const badge = (value: number | null) => (value ? formatQueueCount(value) : null);

  return (
    <View className="staff-home page-root">
      <View className="staff-home__header">
        <View className="staff-home__store-row">
          <Text className="staff-home__store">{staff.storeName || (admin ? '请选择门店' : '我的门店')}</Text>
          {admin && (
            <View className="staff-home__switch" hoverClass="staff-home__switch--pressed" onClick={() => setPicking(true)}>
              切换门店
            </View>
          )}
        </View>
        <View className="staff-home__who">
          <Text className="staff-home__role">{roleLabel(staff.role)}</Text>
          <Text className="staff-home__name">{staff.nickname}</Text>
        </View>
      </View>

      <View className="staff-home__body">
        {staff.storeId === null ? (
          <View className="staff-home__choose card">
            <Text className="staff-home__choose-title">总部账号请先选择门店</Text>
            <Text className="staff-home__choose-sub">选择后即可查看该门店的取货、收银与库存</Text>
            <PillButton className="staff-home__choose-button" onClick={() => setPicking(true)}>
              选择门店
            </PillButton>
          </View>
        ) : (
          <>
            <View className="staff-hero card" hoverClass="staff-hero--pressed" onClick={() => openPage(routes.staffVerify())}>
              <View className="staff-hero__icon-box">
                <Image className="staff-hero__icon" src={verifyIcon} />
              </View>
              <View className="staff-hero__text">
                <Text className="staff-hero__title">核销取货</Text>
                <Text className="staff-hero__sub">
                  {counts.ready ? `${formatQueueCount(counts.ready)} 单待顾客取货` : '扫描或输入顾客的 8 位取货码'}
                </Text>
              </View>
              {canScan ? (
                // The card opens 核销 too: keep this tap to the scanner.
                <View onClick={(event) => event.stopPropagation()}>
                  <PillButton className="staff-hero__scan" onClick={scanToVerify}>
                    扫码核销
                  </PillButton>
                </View>
              ) : (
                <View className="chevron staff-hero__chevron" />
              )}
            </View>

            <View className="staff-tiles">
              <WorkTile
                icon={queueIcon}
                title="备货队列"
                sub={count(counts.preparing, '单待备货', '暂无待备货订单', '按付款先后备货')}
                badge={badge(counts.preparing)}
                onClick={() => openPage(routes.staffOrders({ tab: 'preparing' }))}
              />
              <WorkTile
                icon={pickedIcon}
                title="今日已取"
                sub={count(counts.pickedToday, '单已取货', '今天还没有取货', '今天核销的订单')}
                onClick={() => openPage(routes.staffOrders({ tab: 'picked_up_today' }))}
              />
              <WorkTile icon={tillIcon} title="收银台" sub="到店消费 会员积分同享" onClick={() => openPage(routes.staffTill())} />
              <WorkTile
                icon={couponIcon}
                title="核销优惠券"
                sub="扫描或输入顾客的券码"
                onClick={() => openPage(routes.staffCouponRedeem())}
              />
              <WorkTile
                icon={couponQrIcon}
                title="生成领券码"
                sub="扫码领券 · 店内展示或海报"
                onClick={() => openPage(routes.staffCouponTokens())}
              />
              <WorkTile
                icon={stockIcon}
                title="库存预警"
                sub={counts.lowStock === null ? '可售库存偏低的商品' : counts.lowStock > 0 ? `${counts.lowStock} 个商品需补货` : '库存充足'}
                badge={badge(counts.lowStock)}
                onClick={() => openPage(routes.staffStock())}
              />
              {manager && (
                <WorkTile
                  icon={afterSaleIcon}
                  title="售后审核"
                  sub={count(counts.afterSale, '条待审核', '暂无待审核申请', '48 小时内处理')}
                  badge={badge(counts.afterSale)}
                  onClick={() => openPage(routes.staffAfterSale())}
                />
              )}
              {manager && (
                <WorkTile
                  icon={metricsIcon}
                  title="经营数据"
                  sub={counts.gmvFen === null ? '今日销售与自提' : `今日 ¥${formatFen(counts.gmvFen)}`}
                  onClick={() => openPage(routes.staffMetrics())}
                />
              )}
            </View>
          </>
        )}
        <Text className="staff-home__footnote">操作均记录操作人与时间，请勿将账号交给他人使用</Text>
      </View>

      <StoreSheet
        open={picking}
        currentId={staff.storeId}
        onClose={() => setPicking(false)}
        onChoose={(store) => {
          onChooseStore({ id: store.id, name: store.name });
          setPicking(false);
        }}
      />
    </View>
  );
}
