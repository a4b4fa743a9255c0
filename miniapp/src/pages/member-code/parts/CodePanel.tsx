import { Image, Text, View } from '@tarojs/components';
import { groupDigits } from '../../../utils/member';
import type { CodeView } from '../useMemberCode';

interface CodePanelProps {
  view: CodeView;
  expired: boolean;
  refreshing: boolean;
  refreshFailed: boolean;
  secondsToRefresh: number;
  onRefresh: () => void;
}

/**
 * One rotating code drawn twice, as the big malls' member codes are: a Code 128 barcode with its
 * 18 digits for till scanners that read only 1-D codes, then the QR; and when it refreshes.
 */
export function CodePanel({ view, expired, refreshing, refreshFailed, secondsToRefresh, onRefresh }: CodePanelProps) {
  return (
    <View className="code-panel">
      <View className="code-panel__codes" onClick={expired ? onRefresh : undefined}>
        <View className="code-panel__bar-box">
          <Image className="code-panel__bar member-code__barcode" src={view.barcode.src} mode="scaleToFill" />
        </View>
        <Text className={`code-panel__digits member-code__digits ${expired ? 'code-panel__digits--stale' : ''}`}>
          {groupDigits(view.code.code)}
        </Text>
        <View className="code-panel__qr-box">
          <Image className="code-panel__qr member-code__qr" src={view.qr} mode="aspectFit" />
        </View>
        {expired && (
          <View className="code-panel__expired">
            <Text className="code-panel__expired-title">会员码已失效</Text>
            <Text className="code-panel__expired-action">{refreshing ? '刷新中…' : '点击刷新'}</Text>
          </View>
        )}
      </View>
      <View className="code-panel__status">
        <RefreshStatus refreshing={refreshing} refreshFailed={refreshFailed} secondsToRefresh={secondsToRefresh} />
        <View className="code-panel__refresh" hoverClass="code-panel__refresh--pressed" onClick={refreshing ? undefined : onRefresh}>
          刷新
        </View>
      </View>
    </View>
  );
}

function RefreshStatus({
  refreshing,
  refreshFailed,
  secondsToRefresh,
}: Pick<CodePanelProps, 'refreshing' | 'refreshFailed' | 'secondsToRefresh'>) {
  if (refreshing) return <Text className="code-panel__countdown">正在刷新…</Text>;
  if (refreshFailed) return <Text className="code-panel__countdown code-panel__countdown--error">刷新失败，请检查网络</Text>;
  return (
    <Text className="code-panel__countdown">
      <Text className="code-panel__seconds">{secondsToRefresh}</Text> 秒后自动刷新
    </Text>
  );
}
