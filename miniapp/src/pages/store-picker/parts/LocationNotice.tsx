import { Text, View } from '@tarojs/components';

const WHY: Record<'denied' | 'privacy' | 'unavailable', string> = {
  denied: '开启定位权限，为你推荐最近的门店',
  privacy: '同意隐私保护指引后，可为你推荐最近的门店',
  unavailable: '定位失败，请检查定位服务后重试',
};

/** No position: the list is in its default order; 重新定位 asks again (or opens the settings). */
export function LocationNotice({ reason, onRetry }: { reason: keyof typeof WHY; onRetry: () => void }) {
  return (
    <View className="location-notice">
      <View className="location-notice__icon" />
      <View className="location-notice__text">
        <Text className="location-notice__title">未获取到定位，按默认顺序展示</Text>
        <Text className="location-notice__sub">{WHY[reason]}</Text>
      </View>
      <Text className="location-notice__action" onClick={onRetry}>
        重新定位
      </Text>
    </View>
  );
}
