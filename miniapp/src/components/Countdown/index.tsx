import { Text, View } from '@tarojs/components';
import { useEffect, useRef, useState } from 'react';
import { clockParts, msUntil } from '../../utils/time';
import './index.scss';

export interface CountdownProps {
  /** ISO-8601 time to count down to. */
  target: string;
  /** Called once when the countdown reaches zero. */
  onEnd?: () => void;
  /** `light`: white cells for red banners. */
  tone?: 'dark' | 'light';
}

/** hh:mm:ss until `target`, ticking every second. */
export function Countdown({ target, onEnd, tone = 'dark' }: CountdownProps) {
  const [remaining, setRemaining] = useState(() => msUntil(target));
  // Kept in a ref so a new callback from the parent does not restart the timer.
  const onEndRef = useRef(onEnd);
  onEndRef.current = onEnd;

  useEffect(() => {
    const tick = () => {
      const left = msUntil(target);
      setRemaining(left);
      if (left === 0) {
        clearInterval(timer);
        onEndRef.current?.();
      }
    };
    const timer = setInterval(tick, 1000);
    tick();
    return () => clearInterval(timer);
  }, [target]);

  const [hours, minutes, seconds] = clockParts(remaining);
  return (
    <View className={`countdown countdown--${tone}`}>
      <Text className="countdown__cell">{hours}</Text>
      <Text className="countdown__sep">:</Text>
      <Text className="countdown__cell">{minutes}</Text>
      <Text className="countdown__sep">:</Text>
      <Text className="countdown__cell">{seconds}</Text>
    </View>
  );
}
