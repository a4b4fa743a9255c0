import { Text, View } from '@tarojs/components';
import { StateView } from '../../components/StateView';
import { CodePanel } from './parts/CodePanel';
import { MemberSummary } from './parts/MemberSummary';
import { MEMBER_CODE_REFRESH_TEXT } from '../../utils/member-code';
import { useMemberCode } from './useMemberCode';
import './index.scss';

export default function MemberCodePage() {
  const { state, me, secondsToRefresh, expired, refresh } = useMemberCode();
  return (
    <View className="member-code">
      <View className="member-code__card">
        <MemberSummary me={me} />
        <View className="member-code__body">
          {state.status === 'loading' && <StateView kind="loading" />}
          {state.status === 'error' && <StateView kind="error" message={state.message} onRetry={refresh} />}
          {state.status === 'ready' && (
            <CodePanel
              view={state.view}
              expired={expired}
              refreshing={state.refreshing}
              refreshFailed={state.refreshFailed}
              secondsToRefresh={secondsToRefresh}
              onRefresh={refresh}
            />
          )}
        </View>
        <View className="member-code__note">
          <Text className="member-code__note-main">请向店员出示会员码，{MEMBER_CODE_REFRESH_TEXT}</Text>
          <Text className="member-code__note-sub">会员码仅限本人到店使用，截图无效，请勿泄露给他人</Text>
        </View>
      </View>
      <Text className="member-code__footer">出示会员码，消费积分、会员折扣同享</Text>
    </View>
  );
}
