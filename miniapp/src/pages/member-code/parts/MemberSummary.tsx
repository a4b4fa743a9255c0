import { Text, View } from '@tarojs/components';
import { Avatar } from '../../../components/Avatar';
import { TierBadge } from '../../../components/TierBadge';
import type { Me } from '../../../services/member';
import { formatMemberNo } from '../../../utils/member-no';

/** Who the code belongs to: avatar, nickname, tier, 会员号 (the till can look it up) and points. */
export function MemberSummary({ me }: { me: Me | null }) {
  return (
    <View className="member-summary">
      <Avatar className="member-summary__avatar" src={me?.avatarUrl} />
      <View className="member-summary__text">
        <Text className="member-summary__name">{me ? me.nickname || '微信用户' : '会员'}</Text>
        {me && <TierBadge tier={me.tier} />}
        {me && <Text className="member-summary__no">会员号 {formatMemberNo(me.memberNo)}</Text>}
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
