import { Text, View } from '@tarojs/components';
import type { TimelineEntry } from '../../../services/order';
import { timelineReasonText } from '../../../utils/checkout';
import { formatShanghaiTimestamp } from '../../../utils/time';

/** The order's steps, newest on top. */
export function Timeline({ entries }: { entries: TimelineEntry[] }) {
  const newestFirst = [...entries].reverse();
  return (
    <View className="order-timeline">
      {newestFirst.map((entry, index) => (
        <View key={`${entry.status}-${entry.at}`} className={`order-timeline__step ${index === 0 ? 'order-timeline__step--current' : ''}`}>
          <View className="order-timeline__dot" />
          <View className="order-timeline__body">
            <Text className="order-timeline__label">{entry.label}</Text>
            {timelineReasonText(entry.reason) && <Text className="order-timeline__reason">{timelineReasonText(entry.reason)}</Text>}
            <Text className="order-timeline__time">{formatShanghaiTimestamp(entry.at)}</Text>
          </View>
        </View>
      ))}
    </View>
  );
}
