import { Text, View } from '@tarojs/components';
import { formatFen } from '../../../utils/money';
import { payMethodLabel, TILL_TENDERS } from '../../../utils/till';
import type { TillModel } from '../useTill';

/** 今日收银: the store's till sales today by tender (the BFF's count), refreshed after each sale. */
export function TillToday({ till }: { till: TillModel }) {
  const { today } = till;
  // In the order the till offers the tenders (收款方式).
  const order = (tender: string) => TILL_TENDERS.findIndex((t) => t.method === tender);
  return (
    <View className="staff-section till-today card">
      <View className="staff-section__head">
        <Text className="staff-section__title">今日收银</Text>
        {today.status === 'ready' && <Text className="staff-section__extra">共 {today.summary.sales} 笔</Text>}
      </View>
      {today.status === 'loading' && <Text className="till-today__error">正在统计…</Text>}
      {today.status === 'error' && (
        <Text className="till-today__error" onClick={till.reloadToday}>
          今日收银暂时无法统计，点击重试
        </Text>
      )}
      {today.status === 'ready' && (
        <>
          <View className="till-today__total">
            <Text className="till-today__amount">¥{formatFen(today.summary.totalFen)}</Text>
            <Text className="till-today__count">按收款方式</Text>
          </View>
          <View className="till-today__tenders">
            {[...today.summary.tenders]
              .sort((a, b) => order(a.tender) - order(b.tender))
              .map((row) => (
                <View key={row.tender} className={`till-today__tender till-today__tender--${row.tender}`}>
                  <Text className="till-today__tender-name">{payMethodLabel(row.tender)}</Text>
                  <Text className="till-today__tender-amount">¥{formatFen(row.amountFen)}</Text>
                  <Text className="till-today__tender-count">{row.sales} 笔</Text>
                </View>
              ))}
          </View>
        </>
      )}
    </View>
  );
}
