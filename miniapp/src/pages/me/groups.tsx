import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { Image, Text, View } from '@tarojs/components';
import { useCallback, useEffect, useRef, useState } from 'react';
import { PillButton } from '../../components/PillButton';
import { StateView } from '../../components/StateView';
import { ListSkeleton } from '../../components/Skeleton';
import { Countdown } from '../../components/Countdown';
import { Price } from '../../components/Price';
import { Avatar } from '../../components/Avatar';
import { useDidShowAgain } from '../../hooks/useDidShowAgain';
import { errorMessage } from '../../services/errors';
import { getMyGroups, type MyGroup } from '../../services/member';
import { groupHeadline, groupPageUrl } from '../../utils/group';
import { mediaUrl } from '../../utils/media';
import { openPage } from '../../utils/navigate';
import { routes } from '../../routes';
import './groups.scss';

/** The BFF's page: the newest 50 groups (bff groupbuy/mine.ts). */
const MY_GROUPS_SHOWN = 50;

type State = { status: 'loading' } | { status: 'error'; message: string } | { status: 'ready'; groups: MyGroup[] };

/** 我的拼团: the groups I opened or joined, newest first — who is in, how many are missing, invite again. */
export default function MyGroupsPage() {
  const [state, setState] = useState<State>({ status: 'loading' });
  const latest = useRef(0);

  const load = useCallback(async (keep = false) => {
    const call = ++latest.current;
    if (!keep) setState({ status: 'loading' });
    try {
      const groups = await getMyGroups({ silent: true });
      if (call === latest.current) setState({ status: 'ready', groups });
    } catch (error) {
      if (call === latest.current)
        setState((previous) => (keep && previous.status === 'ready' ? previous : { status: 'error', message: errorMessage(error) }));
    }
  }, []);

  useEffect(() => {
    void load();
  }, [load]);
  useDidShowAgain(() => void load(true));
  usePullDownRefresh(() => {
    void load(true).finally(() => Taro.stopPullDownRefresh());
  });

  return (
    <View className="my-groups page-root">
      {state.status === 'loading' && <ListSkeleton rows={3} className="my-groups__skeleton" />}
      {state.status === 'error' && <StateView kind="error" message={state.message} onRetry={() => void load()} />}
      {state.status === 'ready' && state.groups.length === 0 && (
        <StateView
          kind="empty"
          title="还没有拼团记录"
          description="和好友一起拼，价格更优惠"
          action={{ text: '去拼团', onClick: () => openPage(routes.groups()) }}
        />
      )}
      {state.status === 'ready' && state.groups.map((group) => <GroupCard key={group.id} group={group} onEnd={() => void load(true)} />)}
      {state.status === 'ready' && state.groups.length >= MY_GROUPS_SHOWN && <Text className="my-groups__end">仅显示最近 50 个拼团</Text>}
    </View>
  );
}

function GroupCard({ group, onEnd }: { group: MyGroup; onEnd: () => void }) {
  const headline = groupHeadline(group);
  const open = group.status === 'open';
  const empty = Math.max(0, group.groupSize - group.members.length);
  return (
    <View className="my-group card">
      <View className="my-group__head">
        <Text className="my-group__role">{group.isLeader ? '我开的团' : '我参的团'}</Text>
        <Text className={`my-group__status my-group__status--${headline.tone}`}>{headline.label}</Text>
      </View>
      <View className="my-group__goods" onClick={() => openPage(groupPageUrl(group.id))}>
        <Image className="my-group__image" src={mediaUrl(group.campaign.imageUrl)} mode="aspectFill" lazyLoad />
        <View className="my-group__text">
          <Text className="my-group__title">{group.campaign.title}</Text>
          <View className="my-group__price">
            <Text className="my-group__size">{group.groupSize}人团</Text>
            <Price fen={group.campaign.groupPriceFen} />
          </View>
        </View>
      </View>
      <View className="my-group__seats">
        {group.members.slice(0, 6).map((member, i) => (
          <View key={i} className="my-group__seat">
            <Avatar className="my-group__avatar" src={member.avatarUrl} />
            {member.isLeader && <Text className="my-group__leader">团长</Text>}
          </View>
        ))}
        {Array.from({ length: Math.min(empty, Math.max(0, 6 - group.members.length)) }, (_, i) => (
          <View key={`empty-${i}`} className="my-group__seat my-group__seat--empty">
            ?
          </View>
        ))}
      </View>
      <View className="my-group__foot">
        <View className="my-group__note">
          {open && group.expiresAt ? (
            <>
              <Text className="my-group__need">{headline.title}</Text>
              <View className="my-group__clock">
                <Countdown target={group.expiresAt} onEnd={onEnd} />
                <Text className="my-group__clock-label">后结束</Text>
              </View>
            </>
          ) : (
            <Text className="my-group__need">{headline.title}</Text>
          )}
        </View>
        <View className="my-group__actions">
          <PillButton variant="outline" className="my-group__button" onClick={() => openPage(routes.order({ id: group.orderId }))}>
            查看订单
          </PillButton>
          {open && group.seatsLeft > 0 ? (
            <PillButton className="my-group__button" onClick={() => openPage(groupPageUrl(group.id))}>
              邀请好友
            </PillButton>
          ) : (
            <PillButton variant="outline" className="my-group__button" onClick={() => openPage(groupPageUrl(group.id))}>
              查看拼团
            </PillButton>
          )}
        </View>
      </View>
    </View>
  );
}
