import { Text, View } from '@tarojs/components';
import type { PointsEntry } from '../../../services/member';
import { formatPointsDelta, pointsReasonLabel, pointsReferenceLabel } from '../../../utils/member';
import { formatShanghaiTimestamp } from '../../../utils/time';

/** One ledger line: why, when, which order, and the signed change. */
export function LedgerItem({ entry }: { entry: PointsEntry }) {
  const reference = pointsReferenceLabel(entry.reason, entry.reference);
  const tone = entry.delta >= 0 ? 'gain' : 'loss';
  return (
    <View className="ledger-item">
      <View className="ledger-item__main">
        <Text className="ledger-item__reason">{pointsReasonLabel(entry.reason)}</Text>
        {reference && <Text className="ledger-item__reference">{reference}</Text>}
        <Text className="ledger-item__time">{formatShanghaiTimestamp(entry.createdAt)}</Text>
      </View>
      <View className="ledger-item__side">
        <Text className={`ledger-item__delta ledger-item__delta--${tone}`}>{formatPointsDelta(entry.delta)}</Text>
        <Text className="ledger-item__balance">余额 {entry.balanceAfter}</Text>
      </View>
    </View>
  );
}
