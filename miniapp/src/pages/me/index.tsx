import { View } from '@tarojs/components';
import { EntryList } from './parts/EntryList';
import { MemberCard, SignInCard } from './parts/MemberCard';
import { OrderShortcuts } from './parts/OrderShortcuts';
import { ProfileCard } from './parts/ProfileCard';
import { useProfile } from './useProfile';
import './index.scss';

export default function MePage() {
  const { state, counts, reload, signIn, signingIn } = useProfile();
  const me = state.status === 'ready' ? state.me : null;
  const onSignIn = () => void signIn();
  return (
    <View className="me page-root">
      <View className="me__header">
        <ProfileCard state={state} signingIn={signingIn} onSignIn={onSignIn} onRetry={reload} />
      </View>
      <View className="me__body">
        {me && <MemberCard me={me} />}
        {state.status === 'signedOut' && <SignInCard signingIn={signingIn} onSignIn={onSignIn} />}
        <OrderShortcuts counts={counts} />
        <EntryList me={me} openGroups={counts?.awaitingGroup ?? null} onSignIn={signIn} />
      </View>
    </View>
  );
}
