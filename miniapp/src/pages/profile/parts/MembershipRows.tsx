import { Text, View } from '@tarojs/components';
import { TierBadge } from '../../../components/TierBadge';
import type { Me } from '../../../services/member';
import { formatMemberNo } from '../../../utils/member-no';
import { FormRow } from './FormRow';

/** Read-only membership facts: tier and member number. */
export function MembershipRows({ me }: { me: Me }) {
  return (
    <View className="profile__card card">
      <FormRow label="会员等级">
        <TierBadge tier={me.tier} size="md" />
      </FormRow>
      <FormRow label="会员号">
        <Text className="form-row__text">{formatMemberNo(me.memberNo)}</Text>
      </FormRow>
    </View>
  );
}
