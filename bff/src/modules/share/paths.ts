/**
 * Where shares lead. A shared card carries `?id=&from=` in its path; a mini-program code carries
 * a `scene` of at most 32 visible characters, so it is packed as `g=<id>&s=<sharer>`.
 */
export const GROUP_PAGE = 'pages/group/detail';

const PAGES = { group: GROUP_PAGE, product: 'pages/product/index', live: 'pages/live/index' } as const;
export type ShareTarget = keyof typeof PAGES;

export function sharePath(target: ShareTarget, targetId: number, sharerId: number): string {
  return `${PAGES[target]}?id=${targetId}&from=${sharerId}`;
}

export function groupScene(groupId: number, sharerId?: number): string {
  return sharerId ? `g=${groupId}&s=${sharerId}` : `g=${groupId}`;
}
