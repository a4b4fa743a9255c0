import { useRouter } from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import { useMemo, useState } from 'react';
import { PillButton } from '../../components/PillButton';
import { StateView } from '../../components/StateView';
import { CouponTicket } from '../../components/CouponTicket';
import { LinkSheet } from './parts/LinkSheet';
// Avatar after BottomSheet (components/README.md).
import { Avatar } from '../../components/Avatar';
import { inviteButtonProps, shareLink, useShare } from '../../platform/share';
import type { CouponShareView, ShareCoupon } from '../../services/coupon';
import { faceOfRule, ruleValidityText } from '../../utils/coupon';
import { openPage } from '../../utils/navigate';
import { useCouponShare, type Opened } from './useCouponShare';
import './index.scss';
import { routes } from '../../routes';

const id = (text: string | undefined) => (text && /^\d+$/.test(text) ? Number(text) : null);

function Ticket({ coupon, className }: { coupon: ShareCoupon; className?: string }) {
  const channel = coupon.channel === 'online' ? '仅限线上使用' : coupon.channel === 'offline' ? '仅限门店使用' : '线上线下通用';
  return <CouponTicket className={className} face={faceOfRule(coupon)} name={coupon.name} lines={[channel, ruleValidityText(coupon)]} />;
}

/**
 * 分享领券. A friend opens `?s=<pack>&from=<sharer>` (a shared card or link): who shares, the
 * coupon, 领取. The sharer opens `?templateId=` (我的优惠券's 邀请好友领券) or their own link: how
 * many friends have claimed towards the reward, and 分享给好友 (WeChat's sheet; H5 copies a link).
 */
export default function CouponSharePage() {
  const { params } = useRouter();
  const opened = useMemo<Opened | null>(() => {
    const shareId = id(params.s);
    if (shareId !== null) return { shareId };
    const templateId = id(params.templateId);
    return templateId !== null ? { templateId } : null;
  }, [params.s, params.templateId]);
  const model = useCouponShare(opened);
  const { state } = model;
  const [link, setLink] = useState<string | null>(null);
  const [linkOpen, setLinkOpen] = useState(false);

  const view = state.status === 'ready' ? state.view : null;
  useShare(() => ({
    title: view ? `${view.sharer.nickname || '好友'}送你一张「${view.coupon.name}」，快来领取` : '好友送你一张优惠券',
    path: state.status === 'ready' && state.path ? state.path : routes.couponCenter(),
    fresh: async () => {
      const path = await model.sharePath();
      if (!path) throw new Error('no pack');
      return { title: view ? `送你一张「${view.coupon.name}」` : '好友送你一张优惠券', path };
    },
  }));

  if (state.status === 'loading') return <StateView kind="loading" />;
  if (state.status === 'error') return <StateView kind="error" message={state.message} onRetry={model.reload} />;
  if (state.status === 'refused') {
    return (
      <View className="page-root">
        <StateView
          kind="empty"
          title={state.message}
          description="去领券中心看看其他好券吧"
          action={{ text: '去领券中心', onClick: () => openPage(routes.couponCenter()) }}
        />
      </View>
    );
  }

  const openLink = () => {
    setLinkOpen(true);
    setLink(null);
    model.sharePath().then(
      (path) => setLink(path ? shareLink(path) : null),
      () => setLink(null),
    );
  };

  return (
    <View className="coupon-share page-root">
      {state.view.mine ? (
        <SharerView view={state.view} onInvite={openLink} />
      ) : (
        <FriendView view={state.view} claiming={model.claiming} claimedNow={model.claimed !== null} onClaim={() => void model.claim()} />
      )}
      <LinkSheet open={linkOpen} link={link} onClose={() => setLinkOpen(false)} />
    </View>
  );
}

function SharerView({ view, onInvite }: { view: CouponShareView; onInvite: () => void }) {
  // The progress is in the sharer's own view only (null for anyone else).
  const claimed = view.claimedCount ?? 0;
  const left = Math.max(0, view.goal - claimed);
  const percent = view.goal > 0 ? Math.min(100, Math.round((claimed * 100) / view.goal)) : 0;
  return (
    <>
      <View className="coupon-share__hero">
        <Text className="coupon-share__title">邀请好友领券</Text>
        <Text className="coupon-share__sub">好友领取你分享的券，{view.goal} 位好友领取后你得奖励券</Text>
      </View>
      <View className="coupon-share__card card">
        <Text className="coupon-share__label">好友可领</Text>
        <Ticket coupon={view.coupon} className="coupon-share__ticket" />
        <View className="coupon-share__progress">
          <View className="coupon-share__progress-head">
            <Text className="coupon-share__progress-title">
              已有 <Text className="coupon-share__count">{claimed}</Text> / {view.goal} 位好友领取
            </Text>
            <Text className="coupon-share__progress-state">{view.rewarded ? '奖励已到账' : `还差 ${left} 位`}</Text>
          </View>
          <View className="coupon-share__track">
            <View className="coupon-share__bar" style={{ width: `${percent}%` }} />
          </View>
        </View>
        {view.reward && (
          <>
            <Text className="coupon-share__label">我的奖励</Text>
            <Ticket coupon={view.reward} className="coupon-share__ticket" />
          </>
        )}
        {/* A platform Button: on weapp only openType="share" opens WeChat's share sheet. */}
        <Button className="coupon-share__invite" {...inviteButtonProps(onInvite)}>
          分享给好友
        </Button>
        {view.rewarded && (
          <PillButton block variant="outline" className="coupon-share__more" onClick={() => openPage(routes.couponMine())}>
            查看我的优惠券
          </PillButton>
        )}
      </View>
      <ShareRules goal={view.goal} />
    </>
  );
}

interface FriendViewProps {
  view: CouponShareView;
  claiming: boolean;
  claimedNow: boolean;
  onClaim: () => void;
}

function FriendView({ view, claiming, claimedNow, onClaim }: FriendViewProps) {
  const claimed = view.claimedByMe || view.state === 'claimed';
  const over = view.state === 'ended' || view.state === 'sold_out';
  return (
    <>
      <View className="coupon-share__hero coupon-share__hero--friend">
        <Avatar className="coupon-share__avatar" src={view.sharer.avatarUrl} />
        <Text className="coupon-share__sharer">{view.sharer.nickname || '你的好友'}</Text>
        <Text className="coupon-share__sub">送你一张优惠券，领取后下单立享优惠</Text>
      </View>
      <View className="coupon-share__card card">
        <Ticket coupon={view.coupon} className="coupon-share__ticket" />
        {claimed ? (
          <View className="coupon-share__done">
            <View className="coupon-share__tick" />
            <Text className="coupon-share__done-title">{claimedNow ? '领取成功' : '你已领取过这张券'}</Text>
            <Text className="coupon-share__done-sub">券已放入「我的优惠券」，下单时自动使用</Text>
            <PillButton block className="coupon-share__more" onClick={() => openPage(routes.home())}>
              去使用
            </PillButton>
            <PillButton block variant="outline" className="coupon-share__more" onClick={() => openPage(routes.couponMine())}>
              查看我的优惠券
            </PillButton>
          </View>
        ) : over ? (
          <View className="coupon-share__done">
            <Text className="coupon-share__done-title">{view.state === 'sold_out' ? '券已被领完' : '活动已结束'}</Text>
            <PillButton block variant="outline" className="coupon-share__more" onClick={() => openPage(routes.couponCenter())}>
              去领券中心
            </PillButton>
          </View>
        ) : (
          <PillButton block loading={claiming} className="coupon-share__claim" onClick={onClaim}>
            立即领取
          </PillButton>
        )}
      </View>
      <ShareRules goal={view.goal} />
    </>
  );
}

function ShareRules({ goal }: { goal: number }) {
  return (
    <View className="coupon-share__rules card">
      <Text className="coupon-share__rules-title">活动规则</Text>
      <Text className="coupon-share__rule">1. 每位好友每个分享仅可领取一张，不能领取自己分享的券</Text>
      <Text className="coupon-share__rule">2. {goal} 位好友领取后，分享者获得一张奖励券，每个分享限奖励一次</Text>
      <Text className="coupon-share__rule">3. 领到的券可在「我的 › 优惠券」查看，下单时自动使用最优惠的一张</Text>
    </View>
  );
}
