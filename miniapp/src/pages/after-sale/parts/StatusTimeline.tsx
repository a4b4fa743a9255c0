import { Text, View } from '@tarojs/components';
import type { AfterSale } from '../../../services/aftersale';
import { formatShanghaiTimestamp } from '../../../utils/time';

/** The request's steps, newest on top (the same look as the order's 订单进度). */
export function StatusTimeline({ entries }: { entries: AfterSale['timeline'] }) {
  const newestFirst = [...entries].reverse();
  return (
    <View className="as-timeline">
      {newestFirst.map((entry, index) => (
        <View key={`${entry.status}-${entry.at}`} className={`as-timeline__step ${index === 0 ? 'as-timeline__step--current' : ''}`}>
          <View className="as-timeline__dot" />
          <View className="as-timeline__body">
            <Text className="as-timeline__label">{entry.label}</Text>
            <Text className="as-timeline__time">{formatShanghaiTimestamp(entry.at)}</Text>
          </View>
        </View>
      ))}
    </View>
  );
}
