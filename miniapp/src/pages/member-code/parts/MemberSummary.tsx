import { Text, View } from '@tarojs/components';
import { Avatar } from '../../../components/Avatar';
import { TierBadge } from '../../../components/TierBadge';
import type { Me } from '../../../services/member';

/** Who the code belongs to: avatar, nickname, tier and points. */
export function MemberSummary({ me }: { me: Me | null }) {
  return (
    <View className="member-summary">
      <Avatar className="member-summary__avatar" src={me?.avatarUrl} />
      <View className="member-summary__text">
        <Text className="member-summary__name">{me ? me.nickname || '微信用户' : '会员'}</Text>
        {me && <TierBadge tier={me.tier} />}
      </View>
      {me && (
        <View className="member-summary__points">
          <Text className="member-summary__points-value member-code__points">{me.points}</Text>
          <Text className="member-summary__points-label">积分</Text>
        </View>
      )}
    </View>
  );
}
