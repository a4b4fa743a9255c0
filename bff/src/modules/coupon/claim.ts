import type { CouponSource, Tx } from '@shop/db';
import { AppError } from '../../http/errors';
import { lockMember } from '../member';
import { hasPaidOrder } from '../order';
import { countIssued, findTemplate, heldCount, insertUserCoupon, type CouponTemplate } from './queries';
import { isIssuable, validityOf } from './validity';

/**
 * The one way a member claims a coupon (docs/domain.md#coupons): claim centre, points exchange,
 * 扫码领券, 分享领券 and live drops all come here, so total quantity, per-user limit and audience
 * hold for every source at once.
 *
 * Inside the caller's transaction:
 *   1. the member row is locked, so one member's parallel claims queue up and the per-user
 *      count they read is current (other members are not blocked);
 *   2. the template is checked (offered through this source, active, window open, audience);
 *   3. the coupon row is inserted on its (member, template, issue_key) key — a source that is
 *      "once" by nature (qr:<token>, share:<pack>) passes its own key, and a repeat is refused;
 *   4. the template's guarded counter `issued < total` takes the unit, or the savepoint is
 *      rolled back and the claim answers SOLD_OUT without undoing the caller's other work.
 */
export type ClaimRequest = {
  templateId: number;
  memberId: number;
  source: CouponSource;
  now: Date;
  /** What makes this claim unique when the source says so; default: the member's n-th claim of the template. */
  issueKey?: string;
  /** Rewards (分享奖励) are earned, not claimed: no audience check. */
  skipAudience?: boolean;
};

export type ClaimRefusal =
  | 'NOT_FOUND'
  | 'NOT_OFFERED_HERE'
  | 'PAUSED'
  | 'ENDED'
  | 'SOLD_OUT'
  | 'LIMIT_REACHED'
  | 'ALREADY_CLAIMED'
  | 'NEW_CUSTOMERS_ONLY'
  | 'TIER_NOT_ALLOWED';

export type ClaimOutcome =
  { ok: true; userCouponId: number; template: CouponTemplate; validFrom: Date; validTo: Date } | { ok: false; refusal: ClaimRefusal };

export async function claimCoupon(tx: Tx, request: ClaimRequest): Promise<ClaimOutcome> {
  const member = await lockMember(tx, request.memberId);
  if (!member) throw new Error(`member ${request.memberId} not found`);
  const template = await findTemplate(tx, request.templateId);
  if (!template) return refuse('NOT_FOUND');
  // A template is offered through exactly one source, so a points-exchange coupon cannot be taken
  // for free from the claim centre, nor a share reward by scanning.
  if (template.source !== request.source) return refuse('NOT_OFFERED_HERE');
  if (!isIssuable(template, request.now)) return refuse(template.status === 'paused' ? 'PAUSED' : 'ENDED');
  if (!request.skipAudience) {
    const audience = await audienceRefusal(tx, template, member.id, member.tierCode);
    if (audience) return refuse(audience);
  }
  const held = await heldCount(tx, template.id, member.id);
  if (held >= template.perUserLimit) return refuse('LIMIT_REACHED');

  const { validFrom, validTo } = validityOf(template, request.now);
  try {
    return await tx.transaction(async (sp) => {
      const userCouponId = await insertUserCoupon(sp, {
        templateId: template.id,
        memberId: member.id,
        issueKey: request.issueKey ?? `claim:${held + 1}`,
        source: request.source,
        validFrom,
        validTo,
      });
      if (userCouponId === null) return refuse('ALREADY_CLAIMED');
      if (!(await countIssued(sp, template.id))) throw new SoldOut();
      return { ok: true as const, userCouponId, template, validFrom, validTo };
    });
  } catch (err) {
    if (err instanceof SoldOut) return refuse('SOLD_OUT');
    throw err;
  }
}

class SoldOut extends Error {}

function refuse(refusal: ClaimRefusal): ClaimOutcome {
  return { ok: false, refusal };
}

async function audienceRefusal(tx: Tx, template: CouponTemplate, memberId: number, tierCode: string): Promise<ClaimRefusal | null> {
  if (template.audience === 'new_customer' && (await hasPaidOrder(tx, memberId))) return 'NEW_CUSTOMERS_ONLY';
  if (template.audience === 'tiers' && !template.audienceTiers.includes(tierCode)) return 'TIER_NOT_ALLOWED';
  return null;
}

const REFUSALS: Record<ClaimRefusal, AppError> = {
  NOT_FOUND: new AppError('not_found', 'COUPON_TEMPLATE_NOT_FOUND', '优惠券不存在'),
  NOT_OFFERED_HERE: new AppError('business_rule', 'COUPON_NOT_OFFERED_HERE', '该优惠券不支持此方式领取'),
  PAUSED: new AppError('business_rule', 'COUPON_PAUSED', '该优惠券暂停发放，请稍后再来'),
  ENDED: new AppError('business_rule', 'COUPON_ENDED', '该优惠券活动已结束'),
  SOLD_OUT: new AppError('conflict', 'COUPON_SOLD_OUT', '优惠券已被抢光了'),
  LIMIT_REACHED: new AppError('conflict', 'COUPON_LIMIT_REACHED', '已达领取上限'),
  ALREADY_CLAIMED: new AppError('conflict', 'COUPON_ALREADY_CLAIMED', '你已领取过这张优惠券'),
  NEW_CUSTOMERS_ONLY: new AppError('business_rule', 'COUPON_NEW_CUSTOMERS_ONLY', '该优惠券仅限新客领取'),
  TIER_NOT_ALLOWED: new AppError('business_rule', 'COUPON_TIER_NOT_ALLOWED', '你的会员等级暂不能领取该优惠券'),
};

/** The error a refused claim answers with (a fresh instance, so stacks stay honest). */
export function claimError(refusal: ClaimRefusal): AppError {
  const p = REFUSALS[refusal];
  return new AppError(p.kind, p.code, p.message);
}

/** Claims or throws the refusal as the API error: for routes that only answer. */
export async function claimOrThrow(tx: Tx, request: ClaimRequest): Promise<Extract<ClaimOutcome, { ok: true }>> {
  const outcome = await claimCoupon(tx, request);
  if (!outcome.ok) throw claimError(outcome.refusal);
  return outcome;
}
