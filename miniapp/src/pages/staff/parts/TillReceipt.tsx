import { Text, View } from '@tarojs/components';
import { PillButton } from '../../../components/PillButton';
import type { TillSale } from '../../../services/staff';
import { formatFen } from '../../../utils/money';
import { formatShanghaiTimestamp } from '../../../utils/time';
import { payMethodLabel } from '../../../utils/till';

interface TillReceiptProps {
  sale: TillSale;
  onNext: () => void;
  onHome: () => void;
}

/** 收款成功: the amount, the member's points, and the sale as a receipt. */
export function TillReceipt({ sale, onNext, onHome }: TillReceiptProps) {
  return (
    <View className="staff-page page-root till-receipt">
      <View className="staff-section card">
        <View className="staff-done">
          <View className="staff-done__tick" />
          <Text className="staff-done__title">收款成功</Text>
          <Text className="staff-done__amount">¥{formatFen(sale.payableFen)}</Text>
          <Text className="staff-done__sub">{payMethodLabel(sale.payMethod)}</Text>
          {sale.member && (
            <Text className="staff-done__points till-receipt__points">
              {sale.member.nickname} 获得 {sale.member.pointsEarned} 积分 · 当前 {sale.member.pointsBalance} 积分
            </Text>
          )}
        </View>
      </View>

      <View className="staff-section card">
        <View className="staff-section__head">
          <Text className="staff-section__title">小票</Text>
          <Text className="staff-section__extra">{formatShanghaiTimestamp(sale.createdAt)}</Text>
        </View>
        {sale.items.map((item) => (
          <View key={item.skuId} className="till-receipt__line">
            <View className="till-receipt__line-text">
              <Text className="till-receipt__title">{item.title}</Text>
              <Text className="till-receipt__spec">
                {item.specText ? `${item.specText} · ` : ''}¥{formatFen(item.unitPriceFen)} × {item.qty}
              </Text>
            </View>
            <Text className="till-receipt__amount">¥{formatFen(item.payableFen)}</Text>
          </View>
        ))}
        <View className="staff-rows till-receipt__rows">
          <View className="staff-rows__row">
            <Text>商品金额</Text>
            <Text className="staff-rows__value">¥{formatFen(sale.itemsTotalFen)}</Text>
          </View>
          {sale.memberDiscountFen > 0 && (
            <View className="staff-rows__row">
              <Text>会员优惠</Text>
              <Text className="staff-rows__minus">-¥{formatFen(sale.memberDiscountFen)}</Text>
            </View>
          )}
          {sale.promotionDiscountFen > 0 && (
            <View className="staff-rows__row">
              <Text>满减</Text>
              <Text className="staff-rows__minus">-¥{formatFen(sale.promotionDiscountFen)}</Text>
            </View>
          )}
          {sale.coupon && (
            <View className="staff-rows__row">
              <Text>优惠券 · {sale.coupon.name}</Text>
              <Text className="staff-rows__minus">-¥{formatFen(sale.couponDiscountFen)}</Text>
            </View>
          )}
          <View className="staff-rows__row">
            <Text>实收</Text>
            <Text className="staff-rows__value till-receipt__paid">¥{formatFen(sale.payableFen)}</Text>
          </View>
          <View className="staff-rows__row">
            <Text>单号</Text>
            <Text className="staff-rows__value">{sale.orderNo}</Text>
          </View>
        </View>
      </View>

      <View className="till-receipt__actions">
        <PillButton block className="till-receipt__button" onClick={onNext}>
          新的收银
        </PillButton>
        <PillButton block variant="outline" className="till-receipt__button" onClick={onHome}>
          返回工作台
        </PillButton>
      </View>
    </View>
  );
}
