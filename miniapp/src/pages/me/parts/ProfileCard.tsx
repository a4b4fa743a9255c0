import { Image, Text, View } from '@tarojs/components'
import defaultAvatar from '../../../assets/avatar-default.png'
import type { ProfileState } from '../useProfile'

interface ProfileCardProps {
  state: ProfileState
  onRetry: () => void
}

/** Avatar, nickname and tier; a sign-in prompt until the profile has loaded. */
export function ProfileCard({ state, onRetry }: ProfileCardProps) {
  if (state.status !== 'ready') {
    return (
      <View className='me-profile' onClick={state.status === 'error' ? onRetry : undefined}>
        <Image className='me-profile__avatar' src={defaultAvatar} />
        <View className='me-profile__text'>
          <Text className='me-profile__name'>登录/注册</Text>
          <Text className='me-profile__hint'>
            {state.status === 'error' ? '登录失败，点击重试' : '正在登录…'}
          </Text>
        </View>
      </View>
    )
  }
  const { me } = state
  return (
    <View className='me-profile'>
      <Image className='me-profile__avatar' src={me.avatarUrl || defaultAvatar} mode='aspectFill' />
      <View className='me-profile__text'>
        <Text className='me-profile__name'>{me.nickname || '微信用户'}</Text>
        <View className='me-profile__badges'>
          <Text className='me-profile__tier'>{me.tier.name}</Text>
          <Text className='me-profile__points'>积分 {me.points}</Text>
        </View>
      </View>
    </View>
  )
}
