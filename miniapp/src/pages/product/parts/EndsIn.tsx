import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { Countdown } from '../../../components/Countdown';
import { msUntil } from '../../../utils/time';

const DAY_MS = 24 * 3600_000;

/** "3天 05:12:09" while days away, a plain hh:mm:ss on the last day. */
export function EndsIn({ target, onEnd, tone }: { target: string; onEnd?: () => void; tone?: 'dark' | 'light' }) {
  // Re-renders when the day part rolls over.
  const [, rolled] = useState(0);
  const days = Math.floor(msUntil(target) / DAY_MS);
  if (days === 0) return <Countdown target={target} onEnd={onEnd} tone={tone} />;
  const dayTarget = new Date(Date.parse(target) - days * DAY_MS).toISOString();
  return (
    <View className="ends-in">
      <Text className="ends-in__days">{days}天</Text>
      <Countdown target={dayTarget} onEnd={() => rolled((n) => n + 1)} tone={tone} />
    </View>
  );
}
