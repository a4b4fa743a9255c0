import { useCallback, useEffect, useRef, useState } from 'react';
import { launchScene } from '../../platform/share';
import { errorMessage, isApiError } from '../../services/errors';
import { claimFromSharePack, getSharePack, openSharePack, type CouponShareView, type ShareClaim } from '../../services/coupon';
import { ensureSignedIn } from '../../utils/signin';

export type SharePageState =
  | { status: 'loading' }
  | { status: 'error'; message: string }
  /** The pack cannot be had (不存在, 不支持分享): the BFF's reason. */
  | { status: 'refused'; message: string }
  /** `path`: what the share card opens (the sharer's own pack only). */
  | { status: 'ready'; view: CouponShareView; path: string | null };

export type Opened = { shareId: number } | { templateId: number };

/**
 * 分享领券: a friend's landing (`shareId` from the link) or the sharer's own pack of a template
 * (opened, or reopened, through the BFF, which also answers with the path to share). A friend's
 * 领取 signs in first when needed and then reads the pack again, so the page shows what is true
 * for this member (已领取, their own pack).
 */
export function useCouponShare(opened: Opened | null) {
  const [state, setState] = useState<SharePageState>({ status: 'loading' });
  const [claiming, setClaiming] = useState(false);
  const [claimed, setClaimed] = useState<ShareClaim | null>(null);
  const shareId = useRef<number | null>(opened && 'shareId' in opened ? opened.shareId : null);
  const path = useRef<string | null>(null);

  const load = useCallback(async () => {
    if (!opened) {
      setState({ status: 'refused', message: '分享链接不完整，请让好友重新分享' });
      return;
    }
    try {
      if (shareId.current === null && 'templateId' in opened) {
        const pack = await openSharePack(opened.templateId, { silent: true });
        shareId.current = pack.shareId;
        path.current = pack.path;
      }
      const view = await getSharePack(shareId.current!, { silent: true });
      setState({ status: 'ready', view, path: view.mine ? path.current : null });
    } catch (error) {
      const refused = isApiError(error) && error.status >= 400 && error.status < 500 && error.status !== 401;
      setState({ status: refused ? 'refused' : 'error', message: errorMessage(error) });
    }
  }, [opened]);

  useEffect(() => {
    void load();
  }, [load]);

  /** The sharer's pack path, opened on demand when the page was a landing of their own pack. */
  const sharePath = useCallback(async (): Promise<string | null> => {
    if (path.current) return path.current;
    if (state.status !== 'ready') return null;
    const pack = await openSharePack(state.view.coupon.templateId, { silent: true });
    path.current = pack.path;
    return pack.path;
  }, [state]);

  const claim = useCallback(async () => {
    if (claiming || shareId.current === null) return;
    if (!(await ensureSignedIn('登录后即可领取好友分享的优惠券'))) return;
    setClaiming(true);
    try {
      setClaimed(await claimFromSharePack(shareId.current, launchScene()));
    } catch {
      // The wrapper showed why (已领取, 不能领自己的券, 领完了).
    } finally {
      setClaiming(false);
      void load();
    }
  }, [claiming, load]);

  return {
    state,
    claiming,
    claimed,
    claim,
    sharePath,
    reload: () => {
      setState({ status: 'loading' });
      void load();
    },
  };
}
