import Taro, { useRouter } from '@tarojs/taro';
import { Input, Text, View } from '@tarojs/components';
import { useMemo, useState } from 'react';
import { StateView } from '../../components/StateView';
import { GoodsLine } from '../../components/GoodsLine';
import { couponSummary, parseCheckoutParams, type CheckoutSource } from '../../utils/checkout';
import { openPage } from '../../utils/navigate';
import { ActivityNote } from './parts/ActivityNote';
import { PriceBreakdown } from './parts/PriceBreakdown';
import { StoreRow } from './parts/StoreRow';
import { SubmitBar } from './parts/SubmitBar';
// After SubmitBar: Price's styles come before BottomSheet's (components/README.md).
import { CouponSheet } from './parts/CouponSheet';
import { PickupRows } from './parts/PickupRows';
import { SlotSheet } from './parts/SlotSheet';
import { useCheckout } from './useCheckout';
import './index.scss';
import { routes } from '../../routes';

/**
 * 确认订单 (`?from=cart`, `?from=buy&skuId=&qty=` from 立即购买, or one SKU under an activity:
 * `?from=group&campaignId=&groupId=&skuId=&qty=` / `?from=flash&flashSaleId=&skuId=&qty=`, each
 * with an optional `&sharerId=`).
 */
export default function CheckoutPage() {
  const { params } = useRouter();
  const source = useMemo(() => parseCheckoutParams(params), [params]);
  if (!source) {
    return (
      <View className="page-root">
        <StateView kind="empty" title="没有要结算的商品" action={{ text: '去购物车', onClick: () => openPage(routes.cart()) }} />
      </View>
    );
  }
  return <Checkout source={source} />;
}

function Checkout({ source }: { source: CheckoutSource }) {
  const model = useCheckout(source);
  const { state, store, items } = model;
  const [couponsOpen, setCouponsOpen] = useState(false);
  const [slotsOpen, setSlotsOpen] = useState(false);

  if (state.status === 'loading') return <StateView kind="loading" />;
  if (state.status === 'error') return <StateView kind="error" message={state.message} onRetry={model.reload} />;
  if (state.status === 'refused') {
    return (
      <View className="page-root">
        <StateView
          kind="empty"
          title={state.message}
          description="看看其他商品吧"
          action={{ text: '返回', onClick: () => void Taro.navigateBack().catch(() => openPage(routes.home())) }}
        />
      </View>
    );
  }
  if (state.status === 'empty') {
    return (
      <View className="page-root">
        <StateView
          kind="empty"
          illustration="cart"
          title="没有要结算的商品"
          description="请先在购物车中勾选商品"
          action={{ text: '去购物车', onClick: () => openPage(routes.cart()) }}
        />
      </View>
    );
  }

  const { quote } = state;
  const coupon = couponSummary(quote, model.couponId);
  const pieces = quote.lines.reduce((sum, line) => sum + line.qty, 0);
  const openStorePicker = () =>
    openPage(routes.storePicker({ skuIds: items.map((item) => item.skuId), qty: items.map((item) => item.qty) }));

  return (
    <View className="checkout page-root">
      <StoreRow store={store} inStock={quote.inStock} onClick={openStorePicker} />
      <PickupRows
        memberPhone={quote.pickup.memberPhone}
        phone={model.phone}
        onPhone={model.setPhone}
        withSlot={model.withSlot}
        slot={model.slot}
        hasSlots={quote.pickup.slots.length > 0}
        onOpenSlots={() => setSlotsOpen(true)}
      />

      <View className="checkout-card card">
        <View className="checkout-card__head">
          <Text className="checkout-card__title">商品清单</Text>
          <Text className="checkout-card__aside">共 {pieces} 件</Text>
        </View>
        <ActivityNote source={source} lines={quote.lines} />
        {quote.lines.map((line) => (
          <GoodsLine
            key={line.skuId}
            imageUrl={line.imageUrl}
            title={line.title}
            specText={line.specText}
            qty={line.qty}
            unitFen={line.activityPriceFen ?? line.unitPriceFen}
            listFen={line.activityPriceFen != null ? line.unitPriceFen : null}
            note={
              line.sellable < line.qty ? (
                <Text className="checkout-stock">{line.sellable > 0 ? `该门店仅剩 ${line.sellable} 件` : '该门店暂时无货'}</Text>
              ) : null
            }
          />
        ))}
      </View>

      <View className="checkout-card card">
        <View className="checkout-row" hoverClass="checkout-row--pressed" onClick={() => setCouponsOpen(true)}>
          <Text className="checkout-row__label">优惠券</Text>
          <Text className={`checkout-row__value ${coupon.highlight ? 'checkout-row__value--brand' : ''}`}>{coupon.text}</Text>
          <View className="chevron checkout-row__chevron" />
        </View>
        <View className="checkout-row">
          <Text className="checkout-row__label">订单备注</Text>
          <Input
            className="checkout-row__input"
            value={model.remark}
            maxlength={100}
            placeholder="选填，可告诉门店你的特殊要求"
            placeholderClass="checkout-row__placeholder"
            onInput={(event) => model.setRemark(event.detail.value)}
          />
        </View>
      </View>

      <PriceBreakdown quote={quote} />

      <SubmitBar
        payableFen={quote.payableFen}
        inStock={quote.inStock}
        quoting={model.quoting}
        submitting={model.submitting}
        onSubmit={model.submit}
        label={source.from === 'group' ? (source.groupId !== null ? '支付并参团' : '支付并开团') : undefined}
      />
      <SlotSheet
        open={slotsOpen}
        slots={quote.pickup.slots}
        chosen={model.slot}
        onClose={() => setSlotsOpen(false)}
        onChoose={(slot) => {
          setSlotsOpen(false);
          model.setSlot(slot);
        }}
      />
      <CouponSheet
        open={couponsOpen}
        coupons={quote.availableCoupons}
        appliedId={quote.coupon?.applied ? quote.coupon.id : null}
        onClose={() => setCouponsOpen(false)}
        onChoose={(id) => {
          setCouponsOpen(false);
          model.chooseCoupon(id);
        }}
      />
    </View>
  );
}
