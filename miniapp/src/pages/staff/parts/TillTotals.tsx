import { Text, View } from '@tarojs/components';
import { formatFen } from '../../../utils/money';
import { summaryRows, TILL_TENDERS } from '../../../utils/till';
import type { TillModel } from '../useTill';

/** 结算: the BFF's breakdown of the total, and how the customer pays. */
export function TillTotals({ till }: { till: TillModel }) {
  const { quote } = till;
  if (!quote || till.lines.length === 0) return null;
  return (
    <>
      <View className="staff-section till-totals card">
        <View className="staff-section__head">
          <Text className="staff-section__title">结算</Text>
          {till.quoting && <Text className="staff-section__extra">正在计算…</Text>}
        </View>
        <View className="staff-rows">
          {summaryRows(quote).map((row) => (
            <View key={row.label} className="staff-rows__row">
              <Text>{row.label}</Text>
              <Text className={row.minus ? 'staff-rows__minus' : 'staff-rows__value'}>
                {row.minus ? '-' : ''}¥{formatFen(row.amountFen)}
              </Text>
            </View>
          ))}
        </View>
        <View className="till-totals__payable">
          <Text>应收</Text>
          <Text className="till-totals__amount">¥{formatFen(quote.payableFen)}</Text>
        </View>
        {till.quoteError && (
          <View className="till-totals__error" onClick={till.requote}>
            <Text>{till.quoteError}，点击重新计算</Text>
          </View>
        )}
        {!quote.inStock && <Text className="till-totals__error">部分商品门店库存不足，请调整数量</Text>}
      </View>

      <View className="staff-section till-pay card">
        <View className="staff-section__head">
          <Text className="staff-section__title">收款方式</Text>
          <Text className="staff-section__extra">按顾客实际付款选择</Text>
        </View>
        <View className="till-pay__methods">
          {TILL_TENDERS.map(({ method, label, hint }) => (
            <View
              key={method}
              className={`till-pay__method till-pay__method--${method} ${till.payMethod === method ? 'till-pay__method--on' : ''}`}
              onClick={() => till.setPayMethod(method)}
            >
              <Text className="till-pay__name">{label}</Text>
              <Text className="till-pay__hint">{hint}</Text>
            </View>
          ))}
        </View>
      </View>
    </>
  );
}
