import { and, eq, gte, lte } from 'drizzle-orm';
import { couponTemplates, userCoupons, type DbOrTx, type Tx } from '@shop/db';
import type { AppDeps } from '../../deps';
import { couponLabel, type Coupon, type CouponRejection } from '../../domain/pricing';
import { AppError, errors } from '../../http/errors';
import { RateLimiter } from '../../http/rate-limit';
import { tryTransition } from '../../lifecycle/apply';
import { lifecycles } from '../../lifecycle/tables';
import { READ_COMMITTED } from '../../transactions';
import { customerSummary, findMemberById, type StaffIdentity } from '../member';
import { audit } from '../staff';
import { burnCouponCode, isCouponCodeBurned, issueCouponCode, verifyCouponCode } from './offline-code';
import type { CouponTemplate, UserCouponRow } from './queries';
import type { OfflineCouponRefusalBody } from './staff-schema';

/**
 * 线上领券，线下核销 (docs/domain.md#coupons, offline redemption): the customer shows a rotating code
 * (offline-code.ts), staff redeem it at the till, alone or inside a till sale.
 *
 * A coupon is redeemable in a store when its template's channel is offline or both, the store is
 * in the template's stores (none listed = every store), it is `available` and now lies in its
 * validity window. Redemption is the lifecycle's guarded `redeem` (available → used) in the
 * caller's transaction, recording channel 'offline', the store, the staff member, the time and
 * (in a till sale) the sale's order; of two tills redeeming one coupon at once, one UPDATE matches
 * and the other answers 409. The code is burned in Redis as the transaction's last step, so a
 * failed redemption leaves it usable and a screenshot of a redeemed code is refused.
 */

type Deps = Pick<AppDeps, 'db' | 'redis' | 'config' | 'now'>;
type Staff = StaffIdentity & { memberId: number };

/** Why a coupon cannot be redeemed here and now. */
export type OfflineRefusal = 'ONLINE_ONLY' | 'NOT_FOR_STORE' | 'NOT_YET_VALID' | 'EXPIRED' | 'USED' | 'LOCKED';

/** Error bodies of the refusals, also shown as the reason in previews and till quotes. */
const REFUSALS: Record<OfflineRefusal, () => AppError> = {
  ONLINE_ONLY: () => errors.rule('COUPON_ONLINE_ONLY', '该优惠券仅限线上使用'),
  NOT_FOR_STORE: () => errors.rule('COUPON_NOT_FOR_STORE', '该优惠券不适用于本门店'),
  NOT_YET_VALID: () => errors.rule('COUPON_NOT_YET_VALID', '优惠券还未到可用时间'),
  EXPIRED: () => errors.rule('COUPON_EXPIRED', '优惠券已过期'),
  USED: () => errors.conflict('COUPON_ALREADY_USED', '优惠券已使用'),
  LOCKED: () => errors.conflict('COUPON_LOCKED', '优惠券已被一笔待支付的线上订单占用，取消该订单后才能在门店使用'),
};

export function refusalError(refusal: OfflineRefusal): AppError {
  return REFUSALS[refusal]();
}

/** A coupon that passed the store's rules but not the basket's (threshold, scope): the sale is refused, never priced without it. */
export function basketRejectionError(rejection: CouponRejection, coupon: Coupon): AppError {
  return rejection === 'BELOW_THRESHOLD'
    ? errors.rule('COUPON_BELOW_THRESHOLD', `未达到优惠券使用门槛（${couponLabel(coupon)}）`)
    : errors.rule('COUPON_NO_ELIGIBLE_ITEMS', '所选商品都不在该优惠券的适用范围内');
}

/** A refusal as previews and quotes show it (always one of the errors above). */
export function refusalBody(error: AppError): OfflineCouponRefusalBody {
  return { code: error.code as OfflineCouponRefusalBody['code'], message: error.message };
}

export function notTheirsError(): AppError {
  return errors.rule('COUPON_NOT_YOURS', '该优惠券不属于本单的会员');
}

/** A user coupon with its template, as redemption judges it. */
export type OfflineCoupon = {
  userCouponId: number;
  memberId: number;
  status: UserCouponRow['status'];
  validFrom: Date;
  validTo: Date;
  template: CouponTemplate;
};

export async function findOfflineCoupon(db: DbOrTx, userCouponId: number): Promise<OfflineCoupon | undefined> {
  const [row] = await db
    .select({ coupon: userCoupons, template: couponTemplates })
    .from(userCoupons)
    .innerJoin(couponTemplates, eq(couponTemplates.id, userCoupons.templateId))
    .where(eq(userCoupons.id, userCouponId))
    .limit(1);
  if (!row) return undefined;
  const { coupon, template } = row;
  return {
    userCouponId: coupon.id,
    memberId: coupon.memberId,
    status: coupon.status,
    validFrom: coupon.validFrom,
    validTo: coupon.validTo,
    template,
  };
}

/**
 * The rules of offline redemption, pure. `storeId` null: anywhere (the customer asking for a code,
 * before a store is known). The channel is told first: an online-only coupon is never usable here.
 */
export function offlineRefusal(coupon: OfflineCoupon, storeId: number | null, now: Date): OfflineRefusal | null {
  if (coupon.template.channel === 'online') return 'ONLINE_ONLY';
  if (coupon.status === 'used') return 'USED';
  if (coupon.status === 'locked') return 'LOCKED';
  if (coupon.status === 'expired' || now > coupon.validTo) return 'EXPIRED';
  if (now < coupon.validFrom) return 'NOT_YET_VALID';
  const stores = coupon.template.storeIds;
  if (storeId !== null && stores.length > 0 && !stores.includes(storeId)) return 'NOT_FOR_STORE';
  return null;
}

/** The pricing coupon of a template (scope, exclusions and all), keyed by the user coupon. */
export function pricingCouponOf(userCouponId: number, t: CouponTemplate): Coupon {
  return {
    id: userCouponId,
    name: t.name,
    kind: t.kind,
    amountOffFen: t.amountOffFen,
    percent: t.percent,
    maxDiscountFen: t.maxDiscountFen,
    thresholdFen: t.thresholdFen,
    scope: t.scope,
    scopeIds: t.scopeIds,
    excludedProductIds: t.excludedProductIds,
  };
}

/** How staff screens and receipts name a coupon: its template's name and its rule (满199减20). */
export function couponTitle(t: CouponTemplate): { name: string; ruleText: string } {
  return { name: t.name, ruleText: couponLabel(t) };
}

// ── The customer's code ────────────────────────────────────────────────────────────────────

/**
 * GET /api/me/coupons/:id/code: the rotating code of one of the member's coupons, only while it
 * could be redeemed somewhere now (offline channel, available, in its window). Someone else's
 * coupon answers as a missing one.
 */
export async function currentCouponCode(deps: Pick<Deps, 'db' | 'config' | 'now'>, memberId: number, userCouponId: number) {
  const coupon = await findOfflineCoupon(deps.db, userCouponId);
  if (!coupon || coupon.memberId !== memberId) throw errors.notFound('COUPON_NOT_FOUND', '优惠券不存在');
  const now = deps.now();
  const refusal = offlineRefusal(coupon, null, now);
  if (refusal) throw refusalError(refusal);
  const { code, expiresAt } = issueCouponCode(deps.config.couponCodeSecret, coupon.userCouponId, now);
  return { code, expiresAt: expiresAt.toISOString() };
}

// ── Scanning at the till ───────────────────────────────────────────────────────────────────

/** Wrong coupon codes per staff member per minute before scans are refused for the minute. */
const WRONG_CODE_LIMIT = 20;

export type ScannedCoupon = { userCouponId: number; code: string; expiry: number };

/**
 * First half of a redemption: verifies a coupon code without using it up. Wrong codes count
 * against the staff member's per-minute limit; expired ones do not (the customer refreshes).
 * A code already redeemed (a screenshot) is 409 COUPON_CODE_USED.
 */
export async function scanCouponCode(
  deps: Pick<Deps, 'db' | 'redis' | 'config' | 'now'>,
  staff: Staff,
  input: string,
): Promise<ScannedCoupon> {
  const limiter = new RateLimiter(deps.redis, 'coupon_code', WRONG_CODE_LIMIT, 60, deps.config.rateLimits.keyPrefix);
  const subject = String(staff.staffId);
  const wait = await limiter.blockedFor(subject);
  if (wait !== null) throw errors.rateLimited('优惠券码错误次数过多，请稍后再试', wait);
  const check = verifyCouponCode(deps.config.couponCodeSecret, input, deps.now());
  if (!check.ok) {
    if (check.reason !== 'expired') await limiter.count(subject);
    throw check.reason === 'expired' ? codeExpired() : codeInvalid();
  }
  if (await isCouponCodeBurned(deps.redis, check.code)) throw codeUsed();
  return { userCouponId: check.userCouponId, code: check.code, expiry: check.expiry };
}

/** Second half: burns the scanned code, as the last step of the transaction that redeemed it. */
export async function useCouponCode(deps: Pick<Deps, 'redis' | 'now'>, scanned: ScannedCoupon): Promise<void> {
  if (!(await burnCouponCode(deps.redis, scanned.code, scanned.expiry, deps.now()))) throw codeUsed();
}

/** The scanned coupon, which must exist (a valid MAC over a deleted id is still no coupon). */
export async function scannedCoupon(db: DbOrTx, scanned: ScannedCoupon): Promise<OfflineCoupon> {
  const coupon = await findOfflineCoupon(db, scanned.userCouponId);
  if (!coupon) throw codeInvalid();
  return coupon;
}

const codeInvalid = () => errors.rule('COUPON_CODE_INVALID', '优惠券码无效');
const codeExpired = () => errors.rule('COUPON_CODE_EXPIRED', '优惠券码已过期，请让顾客刷新后重试');
const codeUsed = () => errors.conflict('COUPON_CODE_USED', '该优惠券码已使用，请让顾客刷新后重试');

// ── Redeeming ──────────────────────────────────────────────────────────────────────────────

/**
 * The guarded `redeem` move (available → used, inside its window) with the offline audit fields,
 * in the caller's transaction. The caller has judged the coupon (offlineRefusal); a coupon that
 * moved meanwhile — another till won, an online order locked it — answers with the refusal its
 * status now gives (409 COUPON_ALREADY_USED for the lost race).
 */
export async function redeemOffline(
  tx: Tx,
  redemption: { userCouponId: number; storeId: number; staffId: number; orderId: number | null; at: Date },
): Promise<void> {
  const { userCouponId, at } = redemption;
  const moved = await tryTransition(tx, lifecycles.userCoupon, { id: userCouponId, status: 'available' }, 'redeem', {
    actor: { type: 'staff', id: redemption.staffId },
    at,
    set: {
      usedChannel: 'offline',
      usedAt: at,
      usedOrderId: redemption.orderId,
      usedStoreId: redemption.storeId,
      usedByStaffId: redemption.staffId,
    },
    where: and(lte(userCoupons.validFrom, at), gte(userCoupons.validTo, at)),
  });
  if (moved.ok) return;
  const now = await findOfflineCoupon(tx, userCouponId);
  throw refusalError((now && offlineRefusal(now, redemption.storeId, at)) || 'USED');
}

/** What a redemption answers and a receipt shows. */
export async function redeemedView(db: DbOrTx, coupon: OfflineCoupon, storeId: number, at: Date) {
  const member = await findMemberById(db, coupon.memberId);
  return {
    userCouponId: coupon.userCouponId,
    ...couponTitle(coupon.template),
    kind: coupon.template.kind,
    member: { id: coupon.memberId, nickname: customerSummary(member?.nickname, null).nickname },
    storeId,
    redeemedAt: at.toISOString(),
  };
}

/**
 * POST /api/staff/coupons/redeem: the coupon is used up at this store, outside any till sale (the
 * goods went through another register). One transaction: judge, guarded redeem, audit row, burn
 * the code last.
 */
export async function redeemStandalone(deps: Deps, staff: Staff, input: { code: string; storeId: number; userAgent: string }) {
  const scanned = await scanCouponCode(deps, staff, input.code);
  const at = deps.now();
  const coupon = await deps.db.transaction(async (tx) => {
    const found = await scannedCoupon(tx, scanned);
    const refusal = offlineRefusal(found, input.storeId, at);
    if (refusal) throw refusalError(refusal);
    await redeemOffline(tx, { userCouponId: found.userCouponId, storeId: input.storeId, staffId: staff.staffId, orderId: null, at });
    await audit(
      tx,
      { ...staff, storeId: input.storeId },
      {
        action: 'coupon.redeem',
        targetType: 'user_coupon',
        targetId: found.userCouponId,
        userAgent: input.userAgent,
        detail: { templateId: found.template.id, memberId: found.memberId, orderId: null },
      },
    );
    await useCouponCode(deps, scanned);
    return found;
  }, READ_COMMITTED);
  return { redemption: await redeemedView(deps.db, coupon, input.storeId, at) };
}

/** POST /api/staff/coupons/preview: what a code is and whether this store can take it now. Uses nothing up. */
export async function previewCoupon(deps: Deps, staff: Staff, input: { code: string; storeId: number }) {
  const scanned = await scanCouponCode(deps, staff, input.code);
  const coupon = await scannedCoupon(deps.db, scanned);
  const now = deps.now();
  const refusal = offlineRefusal(coupon, input.storeId, now);
  const member = await findMemberById(deps.db, coupon.memberId);
  const error = refusal ? refusalError(refusal) : null;
  return {
    coupon: {
      userCouponId: coupon.userCouponId,
      ...couponTitle(coupon.template),
      kind: coupon.template.kind,
      channel: coupon.template.channel,
      status: coupon.status,
      validFrom: coupon.validFrom.toISOString(),
      validTo: coupon.validTo.toISOString(),
      member: { id: coupon.memberId, nickname: customerSummary(member?.nickname, null).nickname },
    },
    usable: error === null,
    refusal: error && refusalBody(error),
  };
}

/** A till sale's coupon for its receipt: the one the order used, or null. */
export async function saleCouponOf(db: DbOrTx, userCouponId: number | null) {
  if (userCouponId === null) return null;
  const coupon = await findOfflineCoupon(db, userCouponId);
  if (!coupon) return null;
  return { userCouponId, ...couponTitle(coupon.template) };
}
