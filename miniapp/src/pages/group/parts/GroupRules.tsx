import { Text, View } from '@tarojs/components';

const STEPS = ['开团或参团', '邀请好友', '人满成团', '到店自提'];

/** 拼团玩法: four steps, and what happens when a group does not fill. */
export function GroupRules() {
  return (
    <View className="group-rules card">
      <Text className="group-rules__title">拼团玩法</Text>
      <View className="group-rules__steps">
        {STEPS.map((step, index) => (
          <View key={step} className="group-rules__step">
            <Text className="group-rules__index">{index + 1}</Text>
            <Text className="group-rules__text">{step}</Text>
          </View>
        ))}
      </View>
      <Text className="group-rules__note">在规定时间内未凑齐人数，拼团失败，已付款项将原路退回。</Text>
    </View>
  );
}
