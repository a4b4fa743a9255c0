import Taro, { useShareAppMessage, useShareTimeline } from '@tarojs/taro';
import type { ButtonProps } from '@tarojs/components';
import { getUserId } from '../services/session';
import { absolutePath } from '../utils/group';

export interface ShareContent {
  title: string;
  /** Page path with its own query, e.g. `/pages/group/detail?id=12`. */
  path: string;
  imageUrl?: string;
}

export interface ShareOptions extends ShareContent {
  /**
   * Asks the BFF for the path to share (it records the share and tags the sharer). WeChat waits
   * up to 3 s for it and otherwise sends `path` tagged with the sharer here.
   */
  fresh?: () => Promise<ShareContent>;
}

/**
 * Sets what "转发" (and a share Button) sends from the current page, tagged with the sharer so
 * orders can be attributed. The page config needs `enableShareAppMessage: true`. H5 has no
 * share sheet: pages offer a link to copy instead (see `shareLink`). TARO_ENV is a build-time
 * literal, so each build has exactly one of the two hooks and the call order never changes.
 */
export const useShare: (content: () => ShareOptions) => void = process.env.TARO_ENV === 'weapp' ? useShareSheet : useNoShareSheet;

function useShareSheet(content: () => ShareOptions): void {
  useShareAppMessage(() => {
    const { title, path, imageUrl, fresh } = content();
    const fallback = { title, path: withSharer(path), imageUrl };
    if (!fresh) return fallback;
    const promise = fresh().then(
      (next) => ({ title: next.title, path: absolutePath(next.path), imageUrl: next.imageUrl }),
      () => fallback,
    );
    return { ...fallback, promise };
  });
}

function useNoShareSheet(_content: () => ShareOptions): void {}

export interface MomentsContent {
  title: string;
  /** The page's own query, without `?` (朋友圈 opens the page it was shared from, with this). */
  query: string;
  imageUrl?: string;
}

/**
 * Sets what "分享到朋友圈" sends from the current page; the query gets `from=<member id>` so the
 * share is attributed. The page config needs `enableShareTimeline: true` (and
 * `enableShareAppMessage`, which WeChat requires with it). A no-op on H5, like `useShare`.
 */
export const useShareMoments: (content: () => MomentsContent) => void = process.env.TARO_ENV === 'weapp' ? useTimeline : useNoTimeline;

function useTimeline(content: () => MomentsContent): void {
  useShareTimeline(() => {
    const { title, query, imageUrl } = content();
    const sharerId = getUserId();
    const tagged = sharerId === null || /(^|&)from=/.test(query) ? query : `${query}${query ? '&' : ''}from=${sharerId}`;
    return { title, query: tagged, imageUrl };
  });
}

function useNoTimeline(_content: () => MomentsContent): void {}

/** Whether the platform has WeChat's share sheet (a Button with openType `share` opens it). */
export const canShareCard = process.env.TARO_ENV === 'weapp';

type InviteButtonProps = Pick<ButtonProps, 'openType' | 'onClick'>;

/**
 * Props for an 邀请好友 Button. On weapp it opens WeChat's share sheet, which sends what
 * `useShare` set; elsewhere a tap calls `onOtherwise` (the page offers a link to copy).
 */
export function inviteButtonProps(onOtherwise: () => void): InviteButtonProps {
  if (process.env.TARO_ENV === 'weapp') return { openType: 'share' };
  return { onClick: onOtherwise };
}

/**
 * What a friend opens. weapp: the page path (friends arrive through the shared card). H5: the
 * full address of the page in this app, e.g. `https://host/#/pages/group/detail?id=12&from=34`.
 */
export function shareLink(path: string): string {
  if (process.env.TARO_ENV !== 'h5' || typeof location === 'undefined') return absolutePath(path);
  return `${location.origin}${location.pathname}#${absolutePath(path)}`;
}

/** Copies text; both platforms confirm with a toast of their own. */
export async function copyText(text: string): Promise<void> {
  await Taro.setClipboardData({ data: text });
}

/**
 * WeChat's launch scene (1007 shared card, 1047 mini-program code …) as the BFF records it;
 * undefined on H5, which is not launched by WeChat.
 */
export function launchScene(): string | undefined {
  if (process.env.TARO_ENV !== 'weapp') return undefined;
  try {
    return String(Taro.getEnterOptionsSync().scene);
  } catch {
    return undefined;
  }
}

/** The path with `from=<member id>` added (unless it has one), so the share is attributed. */
export function withSharer(path: string, sharerId: number | null = getUserId()): string {
  const full = absolutePath(path);
  if (sharerId === null || /[?&]from=/.test(full)) return full;
  return `${full}${full.includes('?') ? '&' : '?'}from=${sharerId}`;
}
