import Taro from '@tarojs/taro';
import { tabPages, tabRoutes } from '../routes';

/** The 购物车 tab's place in the tab bar (app.config.ts lists the tabs in this order). */
const CART_TAB = tabPages.indexOf(tabRoutes.cart.path);

/** The count the badge should show; null until the first cart answer of this launch. */
let wanted: number | null = null;
/** What the tab bar was last told, so an unchanged count costs no call. */
let shown: number | null = null;

/** The badge text: the tab bar shows at most 4 characters. */
export function badgeText(count: number): string {
  return count > 99 ? '99+' : String(count);
}

/**
 * Sets the tab-bar 购物车 badge to `count` pieces (0 removes it). Every cart answer comes
 * through here (services/cart.ts), so the badge follows adds, removals and signing in.
 * WeChat refuses the call on a page that is not a tab page ("not TabBar page"); the count is
 * kept and applied by `applyCartBadge` when a tab page shows. H5's tab bar takes it anywhere.
 */
export function setCartBadge(count: number): void {
  wanted = Math.max(0, count);
  applyCartBadge();
}

/** Puts the wanted count on the tab bar if it is not there yet (a tab page calls it when it shows). */
export function applyCartBadge(): void {
  if (wanted === null || wanted === shown || CART_TAB < 0) return;
  const count = wanted;
  const call = count > 0 ? Taro.setTabBarBadge({ index: CART_TAB, text: badgeText(count) }) : Taro.removeTabBarBadge({ index: CART_TAB });
  Promise.resolve(call).then(
    () => {
      shown = count;
    },
    () => undefined,
  );
}

/**
 * Leaving a page that is not a tab page (the product page): the page below is often a tab page,
 * where WeChat takes the badge a refusal kept waiting. Runs once the page below has shown.
 */
export function applyCartBadgeAfterLeaving(): void {
  setTimeout(applyCartBadge, 500);
}

/** Signed out: no cart, no badge. */
export function clearCartBadge(): void {
  setCartBadge(0);
}
