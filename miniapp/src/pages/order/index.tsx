import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { PillButton } from '../../components/PillButton';
import { StateView } from '../../components/StateView';
import { GoodsLine } from '../../components/GoodsLine';
import { callPhone } from '../../platform/contact';
import { openPlace } from '../../platform/map';
import { activityDiscountFen, activityDiscountLabel, canRequestRefund, formatPickupSlot } from '../../utils/checkout';
import { formatFen } from '../../utils/money';
import { openPage } from '../../utils/navigate';
import { groupPageUrl } from '../../utils/group';
import { formatShanghaiTimestamp } from '../../utils/time';
import { PickupCode } from './parts/PickupCode';
import { RefundSheet } from './parts/RefundSheet';
import { StatusHeader } from './parts/StatusHeader';
import { Timeline } from './parts/Timeline';
import { useOrder } from './useOrder';
import './index.scss';
import { routes } from '../../routes';

/** 订单详情 (`?id=`; `&paying=1` when just back from paying: wait for the BFF to confirm). */
export default function OrderPage() {
  const { params } = useRouter();
  const id = Number(params.id);
  const model = useOrder(id, params.paying === '1');
  const { state, store } = model;
  const [refundOpen, setRefundOpen] = useState(false);

  usePullDownRefresh(() => {
    void model.reload().finally(() => Taro.stopPullDownRefresh());
  });

  if (state.status === 'loading') return <StateView kind="loading" />;
  if (state.status === 'error') return <StateView kind="error" message={state.message} onRetry={() => void model.reload()} />;

  const { order } = state;
  const pending = order.status === 'pending_payment';
  const refundable = canRequestRefund(order);
  // 再来一单 once the order is out of the customer's hands (paid, closed or done).
  const again = !pending && order.items.length > 0;
  // 售后 after pickup (退货退款 / 换货): the request page says when the window has closed.
  const afterSale = order.status === 'completed';
  const activityOff = activityDiscountFen(order.items);
  const copyOrderNo = () => void Taro.setClipboardData({ data: order.orderNo });

  return (
    <View className="order page-root">
      <StatusHeader order={order} confirming={model.confirming} onExpire={() => void model.reload()} />

      {order.group && (
        <View
          className="order-card order-group card"
          hoverClass="order-group--pressed"
          onClick={() => openPage(groupPageUrl(order.group!.id))}
        >
          <Text className="order-group__badge">拼团</Text>
          <View className="order-group__text">
            <Text className="order-group__title">{groupStatusText(order.group.status, order.status)}</Text>
            <Text className="order-group__sub">
              {order.status === 'awaiting_group' ? '邀请好友参团，人满即成团' : '查看拼团成员与进度'}
            </Text>
          </View>
          <Text className="order-group__go">{order.status === 'awaiting_group' ? '邀请好友' : '查看拼团'}</Text>
          <View className="chevron order-group__chevron" />
        </View>
      )}

      {order.status === 'ready_for_pickup' &&
        (order.pickup ? (
          <PickupCode pickup={order.pickup} storeName={order.store.name} />
        ) : (
          // Ready but no code to show (should not happen): never leave the customer without a way.
          <View className="order-card order-pickup card">
            <Text className="order-pickup__title">取货码</Text>
            <Text className="order-pickup__hint">取货码生成中，请下拉刷新；也可到店出示订单号取货</Text>
          </View>
        ))}

      <View className="order-card order-store card">
        <View className="order-store__tag">到店自提</View>
        <Text className="order-store__name">{order.store.name}</Text>
        {order.store.address && <Text className="order-store__address">{order.store.address}</Text>}
        {store?.todayHours && <Text className="order-store__hours">今日营业 {store.todayHours}</Text>}
        {(order.pickupSlot || order.pickupPhone) && (
          <View className="order-store__pickup">
            {order.pickupSlot && <InfoRow label="自提时间" value={formatPickupSlot(order.pickupSlot)} />}
            {order.pickupPhone && <InfoRow label="提货人手机" value={order.pickupPhone} />}
          </View>
        )}
        <View className="order-store__actions">
          <View
            className="order-store__action"
            hoverClass="order-store__action--pressed"
            onClick={() => {
              if (order.store.phone) void callPhone(order.store.phone).catch(() => undefined);
              else void Taro.showToast({ title: '门店暂未留电话', icon: 'none' });
            }}
          >
            <View className="order-store__icon order-store__icon--phone" />
            <Text>联系门店</Text>
          </View>
          <View
            className="order-store__action"
            hoverClass="order-store__action--pressed"
            onClick={() => void openPlace(order.store).catch(() => undefined)}
          >
            <View className="order-store__icon order-store__icon--map" />
            <Text>导航到店</Text>
          </View>
        </View>
      </View>

      <View className="order-card card">
        {order.items.map((item) => (
          <GoodsLine
            key={item.lineId}
            imageUrl={item.imageUrl}
            title={item.title}
            specText={item.specText}
            qty={item.qty}
            unitFen={item.activityPriceFen ?? item.unitPriceFen}
            listFen={item.activityPriceFen != null ? item.unitPriceFen : null}
            note={item.refundedQty > 0 ? <Text className="order-refunded">已退 {item.refundedQty} 件</Text> : null}
            onClick={() => openPage(routes.product({ id: item.productId }))}
          />
        ))}
        <View className="order-price">
          <PriceRow label="商品金额" fen={order.itemsTotalFen} />
          {activityOff > 0 && <PriceRow label={activityDiscountLabel(order.activityType)} fen={activityOff} minus />}
          {order.memberDiscountFen > 0 && <PriceRow label="会员优惠" fen={order.memberDiscountFen} minus />}
          {order.promotionDiscountFen > 0 && <PriceRow label="满减" fen={order.promotionDiscountFen} minus />}
          {order.couponDiscountFen > 0 && <PriceRow label="优惠券" fen={order.couponDiscountFen} minus />}
          <View className="order-price__total">
            <Text>{pending ? '需付款' : '实付款'}</Text>
            <Text className="order-price__total-amount">¥{formatFen(pending ? order.payableFen : order.paidFen)}</Text>
          </View>
          {order.refundedFen > 0 && <PriceRow label="已退款" fen={order.refundedFen} />}
        </View>
      </View>

      <View className="order-card order-info card">
        <View className="order-info__row">
          <Text className="order-info__label">订单编号</Text>
          <Text className="order-info__value">{order.orderNo}</Text>
          <Text className="order-info__copy" onClick={copyOrderNo}>
            复制
          </Text>
        </View>
        <InfoRow label="下单时间" value={formatShanghaiTimestamp(order.createdAt)} />
        {order.paidAt && <InfoRow label="付款时间" value={formatShanghaiTimestamp(order.paidAt)} />}
        <InfoRow label="配送方式" value="到店自提" />
        {order.remark && <InfoRow label="订单备注" value={order.remark} />}
      </View>

      {order.refunds.length > 0 && (
        <View className="order-card card">
          <Text className="order-section-title">退款记录</Text>
          {order.refunds.map((refund) => (
            <View key={refund.id} className="order-refund">
              <View className="order-refund__head">
                <Text className="order-refund__amount">¥{formatFen(refund.amountFen)}</Text>
                <Text className={`order-refund__status order-refund__status--${refund.status}`}>{refund.statusLabel}</Text>
              </View>
              <Text className="order-refund__meta">
                {refund.reason} · {formatShanghaiTimestamp(refund.createdAt)}
              </Text>
              {refund.decisionNote && <Text className="order-refund__meta">门店说明：{refund.decisionNote}</Text>}
            </View>
          ))}
        </View>
      )}

      {order.timeline.length > 0 && (
        <View className="order-card card">
          <Text className="order-section-title">订单进度</Text>
          <Timeline entries={order.timeline} />
        </View>
      )}

      {(pending || refundable || again || afterSale) && (
        <View className="order-bar">
          {pending && !model.confirming && (
            <>
              <PillButton variant="outline" className="order-bar__button" disabled={model.busy} onClick={model.cancel}>
                取消订单
              </PillButton>
              <PillButton className="order-bar__button" loading={model.busy} onClick={model.payNow}>
                去支付
              </PillButton>
            </>
          )}
          {refundable && (
            <PillButton variant="outline" className="order-bar__button" onClick={() => setRefundOpen(true)}>
              申请退款
            </PillButton>
          )}
          {afterSale && (
            <PillButton
              variant="outline"
              className="order-bar__button"
              onClick={() => openPage(routes.afterSaleApply({ orderId: order.id }))}
            >
              申请售后
            </PillButton>
          )}
          {again && (
            <PillButton className="order-bar__button" loading={model.busy} onClick={model.buyAgain}>
              再来一单
            </PillButton>
          )}
        </View>
      )}

      <RefundSheet
        open={refundOpen}
        amountFen={order.paidFen - order.refundedFen}
        waitsForStore={order.status === 'ready_for_pickup'}
        busy={model.busy}
        onClose={() => setRefundOpen(false)}
        onSubmit={async (reason) => {
          if (await model.refund(reason)) setRefundOpen(false);
        }}
      />
    </View>
  );
}

/** The group's state as a 拼团 order shows it. */
function groupStatusText(groupStatus: string, orderStatus: string): string {
  if (orderStatus === 'awaiting_group' || groupStatus === 'open') return '拼团中';
  if (groupStatus === 'succeeded') return '拼团成功';
  if (groupStatus === 'failed') return '拼团失败，款项将原路退回';
  if (groupStatus === 'pending') return '待开团，支付后即可邀请好友';
  return '拼团订单';
}

function PriceRow({ label, fen, minus = false }: { label: string; fen: number; minus?: boolean }) {
  return (
    <View className="order-price__row">
      <Text>{label}</Text>
      <Text className={minus ? 'order-price__minus' : ''}>
        {minus ? '-' : ''}¥{formatFen(fen)}
      </Text>
    </View>
  );
}

function InfoRow({ label, value }: { label: string; value: string }) {
  return (
    <View className="order-info__row">
      <Text className="order-info__label">{label}</Text>
      <Text className="order-info__value">{value}</Text>
    </View>
  );
}
