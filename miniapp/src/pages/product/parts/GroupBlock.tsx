import { Text, View } from '@tarojs/components';
import { Countdown } from '../../../components/Countdown';
import { Avatar } from '../../../components/Avatar';
import type { GroupBuyActivity } from '../../../services/catalog';
import type { GroupBuy, GroupSummary } from '../../../services/groupbuy';
import { formatFen } from '../../../utils/money';
import { EndsIn } from './EndsIn';

const SHOWN_GROUPS = 3;

interface GroupBlockProps {
  /** The product's summary of the campaign; `detail` adds stock and limits once loaded. */
  activity: GroupBuyActivity;
  detail: GroupBuy | null;
  openGroups: GroupSummary[];
  onJoin: (groupId: number) => void;
  /** A group's clock ran out: the list needs refreshing. */
  onStale: () => void;
}

/** 拼团 on this product: the group price, N人团, and the groups anyone can join right now. */
export function GroupBlock({ activity, detail, openGroups, onJoin, onStale }: GroupBlockProps) {
  const notes = [
    activity.leaderPriceFen != null ? `开团当团长，团长价 ¥${formatFen(activity.leaderPriceFen)}` : '开团邀好友，人满即成团',
    detail?.newCustomersOnly ? '新人专享' : null,
    detail && detail.perUserLimit > 0 ? `每人限购${detail.perUserLimit}件` : null,
  ].filter(Boolean);
  return (
    <View className="product-group card">
      <View className="product-group__head">
        <Text className="product-group__badge">拼团</Text>
        <View className="product-group__text">
          <Text className="product-group__main">
            {activity.groupSize}人团 · 拼团价 <Text className="product-group__price">¥{formatFen(activity.groupPriceFen)}</Text>
          </Text>
          <Text className="product-group__sub">{notes.join(' · ')}</Text>
        </View>
        <View className="product-group__ends">
          <Text className="product-group__ends-label">距结束</Text>
          <EndsIn target={activity.endsAt} onEnd={onStale} />
        </View>
      </View>
      {detail && detail.remainingStock <= 0 && <Text className="product-group__out">本次拼团名额已抢光</Text>}
      {openGroups.length > 0 && (
        <View className="product-group__open">
          <Text className="product-group__open-title">{openGroups.length}个团正在拼，可直接参与</Text>
          {openGroups.slice(0, SHOWN_GROUPS).map((group) => (
            <View key={group.id} className="product-group__row" onClick={() => onJoin(group.id)}>
              <Avatar src={group.leader.avatarUrl} className="product-group__avatar" />
              <Text className="product-group__name">{group.leader.nickname}</Text>
              <View className="product-group__need">
                <Text className="product-group__need-text">
                  还差<Text className="product-group__need-count">{group.seatsLeft}人</Text>拼成
                </Text>
                <View className="product-group__clock">
                  <Text className="product-group__clock-label">剩余</Text>
                  <Countdown target={group.expiresAt} onEnd={onStale} />
                </View>
              </View>
              <Text className="product-group__join">去参团</Text>
            </View>
          ))}
        </View>
      )}
    </View>
  );
}
