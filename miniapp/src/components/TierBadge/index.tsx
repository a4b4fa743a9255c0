import { Text } from '@tarojs/components';
import type { Tier } from '../../services/member';
import { tierTone } from '../../utils/member';
import './index.scss';

export interface TierBadgeProps {
  tier: Pick<Tier, 'code' | 'name'>;
  size?: 'sm' | 'md';
}

/** 普通会员 / 白银会员 / 黄金会员, each in its own colours (`tier-badge--<tone>`). */
export function TierBadge({ tier, size = 'sm' }: TierBadgeProps) {
  return <Text className={`tier-badge tier-badge--${tierTone(tier.code)} tier-badge--${size}`}>{tier.name}</Text>;
}
