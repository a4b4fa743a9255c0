import { clearCartBadge, setCartBadge } from '../platform/cart-badge';
import type { BodyOf, ResponseOf, Schema } from './api';
import { isSignedIn } from './auth';
import { request, type RequestFlags } from './http';

/** A line; `sellable` is the stock at the store asked for (or across stores). */
export type CartLine = Schema<'CartLine'>;

/**
 * `ok`; `insufficient` (fewer sellable than the line's quantity); `out_of_stock`; `off_shelf`
 * (the product was taken off sale). Only `ok` lines count towards the total. A line's `invalid`
 * (失效) says it cannot be bought anywhere: off sale, or no open store has any.
 */
export type CartLineState = CartLine['state'];

/**
 * The signed-in customer's cart (server-side; every cart call needs a session).
 * `selectedAmountFen`: SKU price × qty of the selected lines that can be bought; the checkout quote applies discounts.
 */
export type Cart = Schema<'Cart'>;

export type CartItemInput = BodyOf<'/api/cart/items', 'post'>;
export type CartItemPatch = BodyOf<'/api/cart/items/{skuId}', 'patch'>;

/**
 * Every cart answer goes through here: the tab-bar 购物车 badge shows the pieces it holds, so
 * whichever page adds, removes or reads the cart keeps the badge right.
 */
async function synced(answer: Promise<Cart>): Promise<Cart> {
  const cart = await answer;
  setCartBadge(cartCount(cart));
  return cart;
}

/** GET /api/cart — `storeId` checks stock at the pickup store. */
export function getCart(storeId?: number | null, flags: RequestFlags = {}): Promise<Cart> {
  return synced(request<Cart>('/api/cart', { data: { storeId: storeId ?? undefined }, ...flags }));
}

/**
 * The badge after signing in (or on launch): reads the cart quietly when there is a session,
 * clears the badge when there is none. Never rejects.
 */
export async function refreshCartBadge(): Promise<void> {
  if (!isSignedIn()) {
    clearCartBadge();
    return;
  }
  await getCart(null, { silent: true }).catch(() => undefined);
}

/** The writes answer with the whole cart, checked against the same store as GET. */
function withStore(path: string, storeId?: number | null): string {
  return storeId ? `${path}?storeId=${storeId}` : path;
}

/**
 * POST /api/cart/items — adds `qty` to the SKU's line and ticks it. Rejects with OUT_OF_STOCK
 * or PRODUCT_OFF_SHELF (422), SKU_NOT_FOUND (404) or CART_LINE_LIMIT (422, over 99 a line).
 */
export function addCartItem(item: CartItemInput, storeId?: number | null, flags: RequestFlags = {}): Promise<Cart> {
  return synced(request<Cart>(withStore('/api/cart/items', storeId), { method: 'POST', data: item, ...flags }));
}

/** PATCH /api/cart/items/:skuId — a new quantity and/or the checkbox. */
export function updateCartItem(skuId: number, patch: CartItemPatch, storeId?: number | null, flags: RequestFlags = {}): Promise<Cart> {
  return synced(request<Cart>(withStore(`/api/cart/items/${skuId}`, storeId), { method: 'PATCH', data: patch, ...flags }));
}

/** DELETE /api/cart/items/:skuId */
export function removeCartItem(skuId: number, storeId?: number | null, flags: RequestFlags = {}): Promise<Cart> {
  return synced(request<Cart>(withStore(`/api/cart/items/${skuId}`, storeId), { method: 'DELETE', ...flags }));
}

export type RemoveCartItems = BodyOf<'/api/cart/items/remove', 'post'>;

/** POST /api/cart/items/remove — 管理 mode's 删除 and 清空失效商品 in one call; lines already gone are no error. */
export function removeCartItems(skuIds: number[], storeId?: number | null, flags: RequestFlags = {}): Promise<Cart> {
  const body: RemoveCartItems = { skuIds };
  return synced(request<Cart>(withStore('/api/cart/items/remove', storeId), { method: 'POST', data: body, ...flags }));
}

/** How many pieces the cart holds (the badge on the cart icon). */
export function cartCount(cart: Cart): number {
  return cart.items.reduce((sum, line) => sum + line.qty, 0);
}

/** The 满减 nudge: "再买¥12.00可减¥20" toward the next tier, or "已满399减50" past the top one. */
export type PromotionHint = NonNullable<Cart['promotionHint']>;
export type ProductNudge = ResponseOf<'/api/cart/nudge', 'get'>;

/** GET /api/cart/nudge — the 满减 covering a SKU and how far my selection with one of it is from the next tier. */
export function getProductNudge(skuId: number, flags: RequestFlags = {}): Promise<ProductNudge> {
  return request<ProductNudge>('/api/cart/nudge', { data: { skuId }, ...flags });
}
