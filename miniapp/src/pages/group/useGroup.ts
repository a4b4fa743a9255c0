import Taro, { useDidHide, useDidShow } from '@tarojs/taro';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useDidShowAgain } from '../../hooks/useDidShowAgain';
import { launchScene } from '../../platform/share';
import { isSignedIn, signIn } from '../../services/auth';
import { errorMessage, isApiError } from '../../services/errors';
import { getGroup, type GroupDetail } from '../../services/groupbuy';
import { getOrder } from '../../services/order';
import { recordVisit } from '../../services/share';
import { groupCheckoutUrl } from '../../utils/checkout';
import type { GroupEntry } from '../../utils/group';
import { openPage } from '../../utils/navigate';

export type GroupState =
  { status: 'loading' } | { status: 'notFound' } | { status: 'error'; message: string } | { status: 'ready'; group: GroupDetail };

export interface GroupModel {
  state: GroupState;
  /** Back from paying and the BFF has not confirmed the payment yet. */
  confirming: boolean;
  /** 立即参团 is signing in or checking the seat. */
  joining: boolean;
  reload: () => Promise<void>;
  /** 参团 with the SKU picked in the sheet (the campaign's first SKU when it sells one). */
  join: (skuId?: number) => void;
}

/** While a group can still change, the page looks again this often (a friend may join). */
const WATCH_EVERY_MS = 5000;
const CONFIRM_EVERY_MS = 2000;
const CONFIRM_FOR_MS = 60_000;

/**
 * One group, kept current while it is open and the page is in view, the visit recorded when a
 * share or a code brought the visitor, and 立即参团 (sign in first when needed, then 确认订单).
 * `cameFromPayment`: the viewer just paid for a seat; wait until the BFF confirms it.
 */
export function useGroup(entry: GroupEntry, cameFromPayment: boolean): GroupModel {
  const groupId = entry.groupId;
  const [state, setState] = useState<GroupState>({ status: 'loading' });
  const [visible, setVisible] = useState(true);
  const [joining, setJoining] = useState(false);
  const [confirmUntil, setConfirmUntil] = useState<number | null>(() => (cameFromPayment ? Date.now() + CONFIRM_FOR_MS : null));

  const load = useCallback(async (): Promise<GroupDetail | null> => {
    if (groupId === null) {
      setState({ status: 'notFound' });
      return null;
    }
    try {
      const group = await getGroup(groupId, { silent: true });
      setState({ status: 'ready', group });
      return group;
    } catch (error) {
      if (isApiError(error) && (error.status === 404 || error.code === 'GROUP_NOT_FOUND')) setState({ status: 'notFound' });
      else setState((previous) => (previous.status === 'ready' ? previous : { status: 'error', message: errorMessage(error) }));
      return null;
    }
  }, [groupId]);

  const reload = useCallback(async () => {
    await load();
  }, [load]);

  useEffect(() => {
    void load();
  }, [load]);

  // A shared card, link or code brought the visitor: say so once (best effort, never shown).
  const visitRecorded = useRef(false);
  useEffect(() => {
    if (visitRecorded.current || entry.via === null || groupId === null) return;
    visitRecorded.current = true;
    const scene = launchScene();
    recordVisit(
      {
        targetType: 'group',
        targetId: groupId,
        ...(entry.sharerId !== null ? { sharerId: entry.sharerId } : {}),
        ...(scene ? { scene } : {}),
      },
      { silent: true },
    ).catch(() => undefined);
  }, [entry.via, entry.sharerId, groupId]);

  useDidShow(() => setVisible(true));
  useDidHide(() => setVisible(false));
  // Back from 确认订单 or the order page: the seat may have changed hands meanwhile.
  useDidShowAgain(() => void load());

  // While the group can still change and someone is looking, look again now and then.
  const live = state.status === 'ready' && (state.group.status === 'open' || state.group.status === 'pending');
  useEffect(() => {
    if (!live || !visible || confirmUntil !== null) return;
    const timer = setInterval(() => void load(), WATCH_EVERY_MS);
    return () => clearInterval(timer);
  }, [live, visible, confirmUntil, load]);

  // Just paid: ask about the viewer's order (the BFF asks WeChat when its notice is late) until
  // it is paid, then show the group as it is now.
  const orderId = state.status === 'ready' ? state.group.viewer.orderId : null;
  const loaded = state.status === 'ready';
  useEffect(() => {
    if (confirmUntil === null || !loaded) return;
    if (orderId === null) {
      setConfirmUntil(null);
      return;
    }
    let stopped = false;
    const check = async () => {
      if (Date.now() >= confirmUntil) {
        setConfirmUntil(null);
        return;
      }
      const order = await getOrder(orderId, { silent: true }).catch(() => null);
      if (stopped || !order || order.status === 'pending_payment') return;
      await load();
      if (!stopped) setConfirmUntil(null);
    };
    void check();
    const timer = setInterval(() => void check(), CONFIRM_EVERY_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [confirmUntil, loaded, orderId, load]);

  const join = useCallback(
    (skuId?: number) => {
      if (joining || state.status !== 'ready') return;
      setJoining(true);
      void (async () => {
        try {
          let group: GroupDetail | null = state.group;
          if (!isSignedIn()) {
            await signIn();
            // Signed in now: whether this member may join is known only from here on.
            group = await load();
          }
          if (!group) return;
          if (!group.viewer.canJoin) {
            void Taro.showToast({ title: group.viewer.reason ?? '暂时无法参团', icon: 'none', duration: 2500 });
            return;
          }
          openPage(
            groupCheckoutUrl({
              campaignId: group.campaign.id,
              groupId: group.id,
              // The SKU picked in the group SKU sheet, which offers only the campaign's SKUs.
              skuId: skuId ?? group.campaign.skuId,
              qty: 1,
              sharerId: entry.sharerId,
            }),
          );
        } catch (error) {
          void Taro.showToast({ title: errorMessage(error), icon: 'none', duration: 2500 });
        } finally {
          setJoining(false);
        }
      })();
    },
    [joining, state, load, entry.sharerId],
  );

  return { state, confirming: confirmUntil !== null, joining, reload, join };
}
