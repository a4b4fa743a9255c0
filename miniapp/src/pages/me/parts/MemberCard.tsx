import { Image, Text, View } from '@tarojs/components';
import memberCodeIcon from '../../../assets/entry/member-code.png';
import { PillButton } from '../../../components/PillButton';
import type { Me } from '../../../services/member';
import { discountLabel, tierTone } from '../../../utils/member';
import { formatFen } from '../../../utils/money';
import { openPage } from '../../../utils/navigate';
import { routes } from '../../../routes';

/** Tier benefits, progress to the next tier, points and the way to the member code. */
export function MemberCard({ me }: { me: Me }) {
  const { tier, progress } = me;
  const discount = discountLabel(tier.discountPercent);
  return (
    <View className="me-card me-member card">
      <View className={`me-member__hero me-member__hero--${tierTone(tier.code)}`}>
        <View className="me-member__top">
          <View className="me-member__title">
            <Text className="me-member__benefit">{discount ? `购物尊享 ${discount}` : '会员专享价'}</Text>
            <Text className="me-member__sub">线上下单、到店消费同享</Text>
          </View>
          <View className="me-member__code" hoverClass="me-member__code--pressed" onClick={() => openPage(routes.memberCode())}>
            <Image className="me-member__code-icon" src={memberCodeIcon} />
            <Text>会员码</Text>
          </View>
        </View>
        <TierProgress progress={progress} />
      </View>
      <View className="me-member__stats">
        <View className="me-stat" onClick={() => openPage(routes.points())}>
          <Text className="me-stat__value me-points">{me.points}</Text>
          <Text className="me-stat__label">积分</Text>
        </View>
        <View className="me-stat">
          <Text className="me-stat__value">{formatFen(me.totalSpentFen)}</Text>
          <Text className="me-stat__label">累计消费(元)</Text>
        </View>
        <View className="me-stat">
          <Text className="me-stat__value">{discount || '—'}</Text>
          <Text className="me-stat__label">会员折扣</Text>
        </View>
      </View>
    </View>
  );
}

function TierProgress({ progress }: { progress: Me['progress'] }) {
  const { next, remainingFen } = progress;
  const percent = next ? Math.min(100, Math.max(0, progress.percent)) : 100;
  return (
    <View className="me-progress">
      <View className="me-progress__track">
        <View className="me-progress__bar" style={{ width: `${percent}%` }} />
      </View>
      <Text className="me-progress__text">
        {next ? `再消费 ¥${formatFen(remainingFen)} 升级${next.name}` : '已是最高等级，尽享全部会员权益'}
      </Text>
    </View>
  );
}

const BENEFITS = [
  { title: '会员折扣', hint: '最低 8 折' },
  { title: '消费积分', hint: '1 元得 1 分' },
  { title: '生日礼遇', hint: '专属好券' },
];

/** What signing in brings, with the call to action. */
export function SignInCard({ signingIn, onSignIn }: { signingIn: boolean; onSignIn: () => void }) {
  return (
    <View className="me-card me-join card">
      <Text className="me-join__title">登录开通会员，立享权益</Text>
      <View className="me-join__benefits">
        {BENEFITS.map((benefit) => (
          <View key={benefit.title} className="me-join__benefit">
            <Text className="me-join__benefit-title">{benefit.title}</Text>
            <Text className="me-join__benefit-hint">{benefit.hint}</Text>
          </View>
        ))}
      </View>
      <PillButton block loading={signingIn} onClick={onSignIn}>
        {signingIn ? '登录中' : '微信一键登录'}
      </PillButton>
    </View>
  );
}
