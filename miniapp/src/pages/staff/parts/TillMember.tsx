import { Input, Text, View } from '@tarojs/components';
import { PillButton } from '../../../components/PillButton';
import { Avatar } from '../../../components/Avatar';
import { TierBadge } from '../../../components/TierBadge';
import { canScan } from '../../../platform/scan';
import { discountLabel } from '../../../utils/member';
import { MEMBER_CODE_REFRESH_TEXT } from '../../../utils/member-code';
import { MEMBER_CODE_LENGTH } from '../../../utils/till';
import type { TillModel } from '../useTill';

/** 会员: the customer's 会员码 (optional) → who they are, their tier discount and points. */
export function TillMember({ till }: { till: TillModel }) {
  const { member } = till;
  if (member) {
    const discount = discountLabel(member.tier.discountPercent);
    return (
      <View className="staff-section till-member card">
        <View className="staff-section__head">
          <Text className="staff-section__title">会员</Text>
          <Text className="staff-section__link till-member__remove" onClick={till.removeMember}>
            移除会员
          </Text>
        </View>
        <View className="till-member__card">
          <Avatar className="till-member__avatar" src={member.avatarUrl} />
          <View className="till-member__text">
            <View className="till-member__name-row">
              <Text className="till-member__name">{member.nickname || '微信用户'}</Text>
              <TierBadge tier={member.tier} />
            </View>
            <Text className="till-member__meta">
              {member.phone ? `${member.phone} · ` : ''}
              {discount ? `会员 ${discount}` : '会员价'}
            </Text>
          </View>
          <View className="till-member__points">
            <Text className="till-member__points-value">{member.points}</Text>
            <Text className="till-member__points-label">积分</Text>
          </View>
        </View>
      </View>
    );
  }
  return (
    <View className="staff-section till-member card">
      <View className="staff-section__head">
        <Text className="staff-section__title">会员</Text>
        <Text className="staff-section__extra">选填 · 享会员折扣并累积积分</Text>
      </View>
      <View className="staff-code">
        <View className={`staff-code__box ${till.memberError ? 'staff-code__box--error' : ''}`}>
          <Input
            className="staff-code__input till-member__input"
            type="number"
            value={till.memberCode}
            maxlength={MEMBER_CODE_LENGTH}
            placeholder="输入顾客 18 位会员码"
            placeholderClass="staff-code__placeholder"
            confirmType="done"
            disabled={till.memberBusy}
            onInput={(event) => till.setMemberCode(event.detail.value)}
            onConfirm={() => till.identify(till.memberCode)}
          />
        </View>
        {canScan ? (
          <PillButton variant="outline" className="staff-code__scan" onClick={till.scanMember}>
            扫一扫
          </PillButton>
        ) : null}
        <PillButton
          className="staff-code__submit till-member__identify"
          loading={till.memberBusy}
          disabled={till.memberCode.length !== MEMBER_CODE_LENGTH}
          onClick={() => till.identify(till.memberCode)}
        >
          识别
        </PillButton>
      </View>
      {till.memberError ? (
        <Text className="staff-code__error">{till.memberError}</Text>
      ) : (
        <Text className="staff-code__hint till-member__hint">
          请顾客打开「我的 › 会员码」，出示条码或二维码（{MEMBER_CODE_REFRESH_TEXT}）
        </Text>
      )}
    </View>
  );
}
