import { Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';
import { Countdown } from '../../../components/Countdown';
import type { GroupDetail } from '../../../services/groupbuy';
import { groupHeadline } from '../../../utils/group';

interface GroupStatusProps {
  group: GroupDetail;
  /** Back from paying and not confirmed yet. */
  confirming: boolean;
  /** The countdown reached zero: the group has closed one way or the other. */
  onExpire: () => void;
  /** The seats row. */
  seats: ReactNode;
  /** The buttons under it. */
  actions: ReactNode;
}

/** Where the group stands (待成团 还差N人 / 拼团成功 / 拼团失败 …), its clock, seats and buttons. */
export function GroupStatus({ group, confirming, onExpire, seats, actions }: GroupStatusProps) {
  const headline = groupHeadline(group);
  const ticking = group.status === 'open' && group.expiresAt !== null;
  return (
    <View className={`group-status card group-status--${headline.tone}`}>
      <View className="group-status__head">
        <Text className="group-status__label">{confirming ? '支付确认中' : headline.label}</Text>
        <Text className="group-status__title">{confirming ? '正在确认支付结果…' : headline.title}</Text>
      </View>
      {ticking ? (
        <View className="group-status__clock">
          <Text className="group-status__clock-text">剩余</Text>
          <Countdown target={group.expiresAt!} onEnd={onExpire} />
          <Text className="group-status__clock-text">结束</Text>
        </View>
      ) : (
        <Text className="group-status__sub">{headline.sub}</Text>
      )}
      {seats}
      {ticking && <Text className="group-status__sub group-status__sub--below">{headline.sub}</Text>}
      <View className="group-status__actions">{actions}</View>
    </View>
  );
}
