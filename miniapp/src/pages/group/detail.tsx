import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useMemo, useState } from 'react';
import { StateView } from '../../components/StateView';
import { shareLink, useShare, useShareMoments, withSharer } from '../../platform/share';
import { isSignedIn } from '../../services/auth';
import type { GroupDetail } from '../../services/groupbuy';
import { getUserId } from '../../services/session';
import { createShare } from '../../services/share';
import { groupEntry, groupPageUrl } from '../../utils/group';
import { formatFen } from '../../utils/money';
import { mediaUrl } from '../../utils/media';
import { openPage } from '../../utils/navigate';
// Countdown (GroupStatus), then Price (GroupProduct), then BottomSheet, then Avatar (SeatRow):
// the order of components/README.md.
import { GroupStatus } from './parts/GroupStatus';
import { GroupProduct } from './parts/GroupProduct';
import { GroupActions } from './parts/GroupActions';
import { GroupRules } from './parts/GroupRules';
import { GroupSkuSheet } from './parts/GroupSkuSheet';
import { LinkSheet } from './parts/LinkSheet';
import { PosterSheet } from './parts/PosterSheet';
import { SeatRow } from './parts/SeatRow';
import { useGroup } from './useGroup';
import './detail.scss';
import { routes } from '../../routes';

/**
 * 拼团详情 (`?id=`; `&from=` the member who shared it; or `?scene=g=..&s=..` from the group's
 * mini-program code; `&paying=1` when just back from paying for a seat).
 */
export default function GroupDetailPage() {
  const { params } = useRouter();
  const entry = useMemo(() => groupEntry(params), [params]);
  const model = useGroup(entry, params.paying === '1');
  const { state } = model;
  const group = state.status === 'ready' ? state.group : null;

  useShare(() => {
    if (!group) return { title: '一起拼团更优惠', path: entry.groupId !== null ? groupPageUrl(entry.groupId) : routes.home() };
    const content = { title: shareTitle(group), path: groupPageUrl(group.id), imageUrl: mediaUrl(group.campaign.imageUrl) || undefined };
    if (!isSignedIn()) return content;
    return {
      ...content,
      fresh: async () => ({
        ...content,
        path: (await createShare({ type: 'group', targetId: group.id, medium: 'card' }, { silent: true })).path,
      }),
    };
  });

  // 分享到朋友圈: the group page itself, so friends' friends can join too.
  useShareMoments(() => ({
    title: group ? shareTitle(group) : '一起拼团更优惠',
    query: entry.groupId !== null ? `id=${entry.groupId}` : '',
    imageUrl: group ? mediaUrl(group.campaign.imageUrl) || undefined : undefined,
  }));

  usePullDownRefresh(() => {
    void model.reload().finally(() => Taro.stopPullDownRefresh());
  });

  if (state.status === 'loading') return <StateView kind="loading" />;
  if (state.status === 'notFound') {
    return (
      <View className="page-root">
        <StateView
          kind="empty"
          title="拼团不存在或已结束"
          description="去看看其他正在进行的拼团吧"
          action={{ text: '去逛逛', onClick: () => openPage(routes.groups()) }}
        />
      </View>
    );
  }
  if (state.status === 'error') return <StateView kind="error" message={state.message} onRetry={() => void model.reload()} />;
  return <GroupView group={state.group} model={model} />;
}

/** 【还差1人】¥59 拼 长绒棉圆领T恤 — what a shared card says. */
function shareTitle(group: GroupDetail): string {
  const price = `¥${formatFen(group.campaign.groupPriceFen).replace(/\.00$/, '')}`;
  const prefix = group.status === 'open' && group.seatsLeft > 0 ? `【还差${group.seatsLeft}人】` : '';
  return `${prefix}${price}拼 ${group.campaign.title}`;
}

function GroupView({ group, model }: { group: GroupDetail; model: ReturnType<typeof useGroup> }) {
  const [sheet, setSheet] = useState<'poster' | 'link' | 'sku' | null>(null);
  const [link, setLink] = useState<string | null>(null);
  const me = getUserId();
  const productUrl = routes.product({ id: group.campaign.productId, skuId: group.campaign.skuId });

  const openLink = () => {
    setSheet('link');
    setLink(null);
    // The BFF records the share and answers with the path that carries the sharer.
    createShare({ type: 'group', targetId: group.id, medium: 'link' }, { silent: true }).then(
      ({ path }) => setLink(shareLink(path)),
      () => setLink(shareLink(withSharer(groupPageUrl(group.id), me))),
    );
  };

  const openPoster = () => {
    setSheet('poster');
    createShare({ type: 'group', targetId: group.id, medium: 'poster' }, { silent: true }).catch(() => undefined);
  };

  return (
    <View className="group-page page-root">
      <View className="group-page__hero">
        <Text className="group-page__promise">好友一起拼 · 人满即成团 · 到店自提</Text>
      </View>
      <GroupProduct group={group} onOpen={() => openPage(productUrl)} />
      <GroupStatus
        group={group}
        confirming={model.confirming}
        onExpire={() => void model.reload()}
        seats={<SeatRow members={group.members} groupSize={group.groupSize} />}
        actions={
          <GroupActions
            group={group}
            signedIn={isSignedIn()}
            confirming={model.confirming}
            joining={model.joining}
            // Several sizes / colours: pick one first; a one-SKU campaign goes straight on.
            onJoin={() => (group.campaign.skus.length > 1 ? setSheet('sku') : model.join())}
            onInviteLink={openLink}
            onPoster={openPoster}
            onOrder={(orderId) => openPage(routes.order({ id: orderId }))}
            onProduct={() => openPage(productUrl)}
          />
        }
      />
      <GroupRules />
      <GroupSkuSheet
        open={sheet === 'sku'}
        campaign={group.campaign}
        opening={false}
        busy={model.joining}
        onClose={() => setSheet(null)}
        onConfirm={(skuId) => {
          setSheet(null);
          model.join(skuId);
        }}
      />
      <LinkSheet open={sheet === 'link'} link={link} onClose={() => setSheet(null)} />
      <PosterSheet open={sheet === 'poster'} group={group} sharerId={me} onClose={() => setSheet(null)} />
    </View>
  );
}
