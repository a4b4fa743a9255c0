import { Button, Text, View } from '@tarojs/components';
import { PillButton } from '../../../components/PillButton';
import { inviteButtonProps } from '../../../platform/share';
import type { GroupDetail } from '../../../services/groupbuy';
import { formatFen } from '../../../utils/money';

interface GroupActionsProps {
  group: GroupDetail;
  signedIn: boolean;
  confirming: boolean;
  joining: boolean;
  onJoin: () => void;
  /** H5: the share sheet with a link to copy (weapp's button opens WeChat's own sheet). */
  onInviteLink: () => void;
  onPoster: () => void;
  onOrder: (orderId: number) => void;
  /** To the product, to buy it or open a new group. */
  onProduct: () => void;
}

/** What the viewer can do here: invite friends to their group, join this one, or open a new one. */
export function GroupActions({
  group,
  signedIn,
  confirming,
  joining,
  onJoin,
  onInviteLink,
  onPoster,
  onOrder,
  onProduct,
}: GroupActionsProps) {
  const { viewer, campaign } = group;
  const orderId = viewer.orderId;

  if (confirming) {
    return (
      <PillButton block loading disabled onClick={() => undefined}>
        支付确认中
      </PillButton>
    );
  }

  const over = group.status === 'succeeded' || group.status === 'failed';
  if (viewer.joined) {
    if (over || group.status === 'pending') {
      return (
        <View className="group-actions">
          {orderId !== null && (
            <PillButton block onClick={() => onOrder(orderId)}>
              {group.status === 'pending' ? '查看订单，去支付' : '查看订单'}
            </PillButton>
          )}
          {over && (
            <PillButton block variant="outline" className="group-actions__more" onClick={onProduct}>
              {group.status === 'failed' ? '重新开团' : '再开一团'}
            </PillButton>
          )}
        </View>
      );
    }
    return (
      <View className="group-actions">
        {/* A platform Button: on weapp only openType="share" opens WeChat's share sheet. */}
        <Button className="group-actions__invite" {...inviteButtonProps(onInviteLink)}>
          邀请好友参团
        </Button>
        <View className="group-actions__row">
          <PillButton variant="outline" className="group-actions__half" onClick={onPoster}>
            生成海报
          </PillButton>
          {orderId !== null && (
            <PillButton variant="outline" className="group-actions__half" onClick={() => onOrder(orderId)}>
              查看订单
            </PillButton>
          )}
        </View>
      </View>
    );
  }

  // Signed out, whether this visitor may join is known only once they sign in (立即参团 does).
  if (group.status === 'open' && (viewer.canJoin || !signedIn)) {
    return (
      <View className="group-actions">
        <PillButton block loading={joining} className="group-actions__join" onClick={onJoin}>
          ¥{formatFen(campaign.groupPriceFen)} 立即参团
        </PillButton>
        <Text className="group-actions__hint">
          {campaign.perUserLimit > 0 ? `每人限购${campaign.perUserLimit}件 · ` : ''}成团后到店自提
        </Text>
      </View>
    );
  }

  return (
    <View className="group-actions">
      {viewer.reason && <Text className="group-actions__reason">{viewer.reason}</Text>}
      <PillButton block onClick={onProduct}>
        我来开个新团
      </PillButton>
    </View>
  );
}
