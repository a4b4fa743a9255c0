import { Text, View } from '@tarojs/components';
import { Avatar } from '../../../components/Avatar';
import { TierBadge } from '../../../components/TierBadge';
import { formatMemberNo } from '../../../utils/member-no';
import { openPage } from '../../../utils/navigate';
import type { ProfileState } from '../useProfile';
import { routes } from '../../../routes';

interface ProfileCardProps {
  state: ProfileState;
  signingIn: boolean;
  onSignIn: () => void;
  onRetry: () => void;
}

/** The red header: avatar, nickname and tier (tap to edit), or the sign-in prompt. */
export function ProfileCard({ state, signingIn, onSignIn, onRetry }: ProfileCardProps) {
  if (state.status === 'ready') {
    const { me } = state;
    return (
      <View className="me-profile" hoverClass="me-profile--pressed" onClick={() => openPage(routes.profile())}>
        <Avatar className="me-profile__avatar" src={me.avatarUrl} />
        <View className="me-profile__text">
          <Text className="me-profile__name">{me.nickname || '微信用户'}</Text>
          <View className="me-profile__badges">
            <TierBadge tier={me.tier} />
            {me.phone && <Text className="me-profile__phone">{me.phone}</Text>}
          </View>
          <Text className="me-profile__no">会员号 {formatMemberNo(me.memberNo)}</Text>
        </View>
        <View className="me-profile__edit">
          <Text>编辑资料</Text>
          <View className="chevron me-profile__chevron" />
        </View>
      </View>
    );
  }

  if (state.status === 'signedOut') {
    return (
      <View className="me-profile" hoverClass="me-profile--pressed" onClick={signingIn ? undefined : onSignIn}>
        <Avatar className="me-profile__avatar" />
        <View className="me-profile__text">
          <Text className="me-profile__name me-login">{signingIn ? '正在登录…' : '登录/注册'}</Text>
          <Text className="me-profile__hint">登录享会员折扣、消费积分和生日礼遇</Text>
        </View>
        <View className="chevron me-profile__chevron me-profile__chevron--light" />
      </View>
    );
  }

  const failed = state.status === 'error';
  return (
    <View className="me-profile" onClick={failed ? onRetry : undefined}>
      <Avatar className="me-profile__avatar" />
      <View className="me-profile__text">
        <Text className="me-profile__name">{failed ? '加载失败' : '加载中…'}</Text>
        {failed && <Text className="me-profile__hint">网络开小差了，点击重试</Text>}
      </View>
    </View>
  );
}
