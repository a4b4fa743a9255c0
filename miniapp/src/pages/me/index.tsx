import { View } from '@tarojs/components'
import { EntryList } from './parts/EntryList'
import { OrderShortcuts } from './parts/OrderShortcuts'
import { ProfileCard } from './parts/ProfileCard'
import { useProfile } from './useProfile'
import './index.scss'

export default function MePage() {
  const { state, reload } = useProfile()
  const me = state.status === 'ready' ? state.me : null
  return (
    <View className='me page-root'>
      <View className='me__header'>
        <ProfileCard state={state} onRetry={reload} />
      </View>
      <View className='me__body'>
        <OrderShortcuts />
        <EntryList points={me?.points ?? null} staff={me?.staff ?? null} />
      </View>
    </View>
  )
}
