import type { ResponseOf, Schema } from './api';
import { request, type RequestFlags } from './http';

/**
 * The customer's coupon endpoints: 领券中心, 我的优惠券 and its offline code, 积分兑换, 扫码领券 and
 * 分享领券. Every type is the generated contract's (api.gen.ts); staff endpoints are in staff.ts.
 */

/** The big figure and the rule lines of a coupon (`value` "20" with unit yuan, or "8.8" with zhe). */
export type CouponFace = Schema<'CouponFace'>;
/** A template offered in 领券中心: `state` claimable / claimed / sold_out / not_eligible. */
export type CenterCoupon = Schema<'CenterCoupon'>;
export type CenterState = CenterCoupon['state'];
/** One of my coupons (`usableOffline`: it can be shown at a store now; `expiringSoon`: 即将过期). */
export type MyCoupon = Schema<'MyCoupon'>;
export type MyCouponsPage = ResponseOf<'/api/me/coupons', 'get'>;
export type CouponTab = keyof MyCouponsPage['counts'];
/** A rotating store code of one coupon: `expiresAt` within 60 s. */
export type CouponCode = Schema<'CouponCode'>;
/** What a scan or a share claim gives. */
export type ReceivedCoupon = Schema<'ReceivedCoupon'>;
export type ExchangeList = ResponseOf<'/api/points/exchange', 'get'>;
export type ExchangeItem = Schema<'ExchangeItem'>;
export type Exchanged = ResponseOf<'/api/points/exchange', 'post'>;
export type CouponShareView = Schema<'CouponShareView'>;
export type ShareCoupon = CouponShareView['coupon'];
export type OpenedShare = Schema<'OpenedCouponShare'>;
export type ShareClaim = Schema<'CouponShareClaim'>;

/** GET /api/coupons/center — with `productId`, only the coupons that cover the product. */
export async function getClaimCenter(productId: number | null = null, flags: RequestFlags = {}): Promise<CenterCoupon[]> {
  const data = productId !== null ? { productId } : {};
  return (await request<ResponseOf<'/api/coupons/center', 'get'>>('/api/coupons/center', { data, ...flags })).items;
}

/** POST /api/coupons/claim — 409/422 with the Chinese reason (领完了, 已领取, 新客专享 …). */
export async function claimCoupon(templateId: number, flags: RequestFlags = {}): Promise<MyCoupon> {
  return (await request<Schema<'ClaimedCoupon'>>('/api/coupons/claim', { method: 'POST', data: { templateId }, ...flags })).coupon;
}

/** GET /api/me/coupons — one tab's coupons and the count of every tab. */
export function getMyCoupons(tab: CouponTab, flags: RequestFlags = {}): Promise<MyCouponsPage> {
  return request<MyCouponsPage>('/api/me/coupons', { data: { tab }, ...flags });
}

/** GET /api/me/coupons/:id/code — a fresh code for the store's scanner; 422 while not usable offline. */
export function getCouponCode(couponId: number, flags: RequestFlags = {}): Promise<CouponCode> {
  return request<CouponCode>(`/api/me/coupons/${couponId}/code`, flags);
}

/** GET /api/points/exchange — what points buy, and my balance. */
export function getExchangeList(flags: RequestFlags = {}): Promise<ExchangeList> {
  return request<ExchangeList>('/api/points/exchange', flags);
}

/**
 * POST /api/points/exchange. `idempotencyKey` stands for one 兑换 tap: a retry with it answers with
 * the same coupon instead of spending the points twice.
 */
export function exchangePoints(itemId: number, idempotencyKey: string, flags: RequestFlags = {}): Promise<Exchanged> {
  return request<Exchanged>('/api/points/exchange', {
    method: 'POST',
    data: { itemId },
    header: { 'Idempotency-Key': idempotencyKey },
    ...flags,
  });
}

/** POST /api/coupons/scan — the coupon of a 扫码领券 token (`scene`: WeChat's launch scene). */
export function scanToClaim(token: string, scene?: string, flags: RequestFlags = {}): Promise<ReceivedCoupon> {
  return request<ReceivedCoupon>('/api/coupons/scan', { method: 'POST', data: { token, ...(scene ? { scene } : {}) }, ...flags });
}

/** POST /api/coupon-shares — my pack of a shareable template, and the path the card opens. */
export function openSharePack(templateId: number, flags: RequestFlags = {}): Promise<OpenedShare> {
  return request<OpenedShare>('/api/coupon-shares', { method: 'POST', data: { templateId }, ...flags });
}

/** GET /api/coupon-shares/:id — the pack as its landing page shows it (signed in or not). */
export function getSharePack(shareId: number, flags: RequestFlags = {}): Promise<CouponShareView> {
  return request<CouponShareView>(`/api/coupon-shares/${shareId}`, flags);
}

/** POST /api/coupon-shares/:id/claim — a friend's one coupon from the pack. */
export function claimFromSharePack(shareId: number, scene?: string, flags: RequestFlags = {}): Promise<ShareClaim> {
  return request<ShareClaim>(`/api/coupon-shares/${shareId}/claim`, { method: 'POST', data: scene ? { scene } : {}, ...flags });
}

export type ShareableTemplate = ResponseOf<'/api/coupons/shareable', 'get'>['items'][number];

/** GET /api/coupons/shareable — templates members can share (邀请好友领券), each with its goal and reward. */
export async function getShareableTemplates(flags: RequestFlags = {}): Promise<ShareableTemplate[]> {
  return (await request<ResponseOf<'/api/coupons/shareable', 'get'>>('/api/coupons/shareable', flags)).items;
}
