import { Text, View } from '@tarojs/components';
import type { Quote } from '../../../services/order';
import { discountRows } from '../../../utils/checkout';
import { formatFen } from '../../../utils/money';

/** 商品金额, each discount the server applied, 实付款. */
export function PriceBreakdown({ quote }: { quote: Quote }) {
  const rows = discountRows(quote.adjustments);
  const saved = quote.itemsTotalFen - quote.payableFen;
  return (
    <View className="checkout-card checkout-price card">
      <View className="checkout-price__row">
        <Text>商品金额</Text>
        <Text className="checkout-price__amount">¥{formatFen(quote.itemsTotalFen)}</Text>
      </View>
      {rows.map((row) => (
        <View key={row.key} className="checkout-price__row">
          <Text>{row.label}</Text>
          <Text className="checkout-price__amount checkout-price__amount--minus">-¥{formatFen(row.amountFen)}</Text>
        </View>
      ))}
      <View className="checkout-price__total">
        {saved > 0 && <Text className="checkout-price__saved">已优惠 ¥{formatFen(saved)}</Text>}
        <Text className="checkout-price__total-label">实付款</Text>
        <Text className="checkout-price__total-amount">¥{formatFen(quote.payableFen)}</Text>
      </View>
    </View>
  );
}
