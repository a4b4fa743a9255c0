import { and, eq, isNull, sql } from 'drizzle-orm';
import { couponShares, members, userCoupons, type Db, type Tx } from '@shop/db';
import type { Logger } from '../../logger';
import { errors } from '../../http/errors';
import { READ_COMMITTED } from '../../transactions';
import { lockMember } from '../member';
import { recordCouponShare, recordCouponVisit } from '../share';
import { claimCoupon, claimError, claimOrThrow } from './claim';
import { findTemplate, type CouponTemplate } from './queries';
import { isIssuable } from './validity';

/**
 * 分享领券 (docs/domain.md#coupons): a member opens a pack of a template that has a share goal
 * (N) and a reward template; each friend who opens the link claims one coupon from it (issue key
 * `share:<pack>`, so once per friend per pack), and when N friends have claimed, the sharer gets
 * one reward coupon (issue key `share_reward:<pack>`), exactly once per pack.
 *
 * Transaction contract of a friend's claim (one READ COMMITTED transaction), and its lock order:
 *   1. the pack row, FOR UPDATE: friends claiming from one pack queue here, so the count they
 *      read is current and only one of them can be the N-th;
 *   2. the member rows: when this claim will complete the goal, the friend's and the sharer's,
 *      in id order, before any template row. claimCoupon locks the friend's row and then holds
 *      the template's counter row to commit; the reward claim would then lock the sharer's row.
 *      Taking that last lock after a template row could deadlock with a claim centre (or
 *      another pack's) transaction of the sharer, which holds the sharer's row and waits for the
 *      same template row; and taking the two member rows in a role order (friend, then sharer)
 *      could deadlock with a pack where the two are the other way round. Members first, by id,
 *      then templates, is the order every claim path keeps;
 *   3. the friend's claim (coupon row, template counter), then the pack's guarded counter;
 *   4. the reward, in a savepoint: guarded `rewarded_at IS NULL → now`, then the sharer's claim
 *      of the reward template (no audience check; its total and per-user limit still hold). If
 *      the reward cannot be issued (sold out, ended, the sharer's limit) the savepoint rolls
 *      back, the pack stays unrewarded and the next friend's claim tries again; the friend's
 *      own coupon is not held up by the sharer's reward.
 * The only cycle left is a reward graph with a loop (template A rewards B, B rewards A, claimed
 * at once); MariaDB then rolls one back, and it runs again (DEADLOCK_ATTEMPTS).
 */
export const COUPON_SHARE_PAGE = 'pages/coupon-share/index';

type Deps = { db: Db; now: () => Date; logger: Logger };
type ShareRow = typeof couponShares.$inferSelect;

export function sharePackPath(shareId: number, sharerId: number): string {
  return `${COUPON_SHARE_PAGE}?s=${shareId}&from=${sharerId}`;
}

const notFound = () => errors.notFound('COUPON_SHARE_NOT_FOUND', '分享的优惠券不存在');

/** POST /api/coupon-shares: my pack of this template (one per member and template) and a share event. */
export async function openSharePack(deps: Deps, sharerId: number, templateId: number): Promise<{ shareId: number; path: string }> {
  const template = await findTemplate(deps.db, templateId);
  if (!template) throw claimError('NOT_FOUND');
  if (template.source !== 'share' || template.shareGoal === null || template.shareRewardTemplateId === null) {
    throw errors.rule('COUPON_NOT_SHAREABLE', '该优惠券不支持分享领取');
  }
  if (!isIssuable(template, deps.now())) throw claimError(template.status === 'paused' ? 'PAUSED' : 'ENDED');
  return deps.db.transaction(async (tx) => {
    await tx
      .insert(couponShares)
      .values({ templateId, sharerMemberId: sharerId })
      .onDuplicateKeyUpdate({ set: { id: sql`${couponShares.id}` } });
    const [pack] = await tx
      .select({ id: couponShares.id })
      .from(couponShares)
      .where(and(eq(couponShares.sharerMemberId, sharerId), eq(couponShares.templateId, templateId)))
      .limit(1);
    const path = sharePackPath(pack.id, sharerId);
    await recordCouponShare(tx, { sharerId, templateId, path });
    return { shareId: pack.id, path };
  });
}

type Rules = {
  templateId: number;
  name: string;
  description: string;
  kind: CouponTemplate['kind'];
  amountOffFen: number | null;
  percent: number | null;
  maxDiscountFen: number | null;
  thresholdFen: number;
  channel: CouponTemplate['channel'];
  validity: CouponTemplate['validity'];
  validFrom: Date | null;
  validTo: Date | null;
  validDays: number | null;
};

function rulesOf(t: CouponTemplate): Rules {
  return {
    templateId: t.id,
    name: t.name,
    description: t.description,
    kind: t.kind,
    amountOffFen: t.amountOffFen,
    percent: t.percent,
    maxDiscountFen: t.maxDiscountFen,
    thresholdFen: t.thresholdFen,
    channel: t.channel,
    validity: t.validity,
    validFrom: t.validFrom,
    validTo: t.validTo,
    validDays: t.validDays,
  };
}

/** GET /api/coupon-shares/:id: the landing page, for anyone; signed in, it says what I can do. */
export async function viewSharePack(deps: Pick<Deps, 'db' | 'now'>, viewerId: number | undefined, shareId: number) {
  const [row] = await deps.db
    .select({ pack: couponShares, nickname: members.nickname, avatarUrl: members.avatarUrl })
    .from(couponShares)
    .innerJoin(members, eq(members.id, couponShares.sharerMemberId))
    .where(eq(couponShares.id, shareId))
    .limit(1);
  if (!row) throw notFound();
  const { pack } = row;
  const template = await findTemplate(deps.db, pack.templateId);
  if (!template || template.shareGoal === null) throw notFound();
  const reward = template.shareRewardTemplateId === null ? undefined : await findTemplate(deps.db, template.shareRewardTemplateId);
  const mine = viewerId === pack.sharerMemberId;
  const claimedByMe = viewerId !== undefined && !mine && (await claimedFrom(deps.db, pack, viewerId));
  const state = mine
    ? 'own'
    : claimedByMe
      ? 'claimed'
      : !isIssuable(template, deps.now())
        ? 'ended'
        : template.issuedCount >= template.totalQuantity
          ? 'sold_out'
          : 'claimable';
  return {
    shareId: pack.id,
    coupon: rulesOf(template),
    reward: reward ? rulesOf(reward) : null,
    sharer: { memberId: pack.sharerMemberId, nickname: row.nickname, avatarUrl: row.avatarUrl },
    goal: template.shareGoal,
    // The pack's progress is the sharer's to see (docs/domain.md#coupons): friends and strangers
    // opening the card (ids are sequential) learn nothing about how many claimed or the reward.
    claimedCount: mine ? pack.claimedCount : null,
    rewarded: mine ? pack.rewardedAt !== null : null,
    mine,
    claimedByMe,
    state,
  } as const;
}

async function claimedFrom(db: Db, pack: ShareRow, memberId: number): Promise<boolean> {
  const [held] = await db
    .select({ id: userCoupons.id })
    .from(userCoupons)
    .where(
      and(eq(userCoupons.memberId, memberId), eq(userCoupons.templateId, pack.templateId), eq(userCoupons.issueKey, `share:${pack.id}`)),
    )
    .limit(1);
  return held !== undefined;
}

/** POST /api/coupon-shares/:id/claim: a friend claims from the pack (see the contract above). */
export async function claimFromPack(deps: Deps, friendId: number, shareId: number, input: { scene?: string }) {
  return withDeadlockRetry(() => deps.db.transaction((tx) => claimInTx(deps, tx, friendId, shareId, input), READ_COMMITTED));
}

async function claimInTx(deps: Deps, tx: Tx, friendId: number, shareId: number, input: { scene?: string }) {
  const now = deps.now();
  const [pack] = await tx.select().from(couponShares).where(eq(couponShares.id, shareId)).for('update').limit(1);
  if (!pack) throw notFound();
  if (pack.sharerMemberId === friendId) throw errors.rule('COUPON_SHARE_OWN_PACK', '不能领取自己分享的优惠券，快邀请好友来领吧');
  const template = await findTemplate(tx, pack.templateId);
  if (!template || template.shareGoal === null) throw notFound();
  const goal = template.shareGoal;

  const rewardDue = pack.rewardedAt === null && template.shareRewardTemplateId !== null && pack.claimedCount + 1 >= goal;
  if (rewardDue) {
    for (const memberId of [friendId, pack.sharerMemberId].sort((a, b) => a - b)) await lockMember(tx, memberId);
  }

  const claimed = await claimOrThrow(tx, {
    templateId: template.id,
    memberId: friendId,
    source: 'share',
    now,
    issueKey: `share:${pack.id}`,
  });
  const [counted] = await tx
    .update(couponShares)
    .set({ claimedCount: sql`${couponShares.claimedCount} + 1` })
    .where(and(eq(couponShares.id, pack.id), eq(couponShares.claimedCount, pack.claimedCount)));
  // We hold the pack's lock: a moved counter is a bug, not a race to answer.
  if (counted.affectedRows !== 1) throw new Error(`coupon share ${pack.id}: claimed_count moved under its lock`);

  const rewarded = pack.rewardedAt !== null || (rewardDue && (await rewardSharer(deps, tx, pack, template.shareRewardTemplateId!, now)));
  await recordCouponVisit(tx, { visitorId: friendId, templateId: template.id, sharerId: pack.sharerMemberId, scene: input.scene });
  return {
    coupon: {
      couponId: claimed.userCouponId,
      templateId: template.id,
      name: template.name,
      validFrom: claimed.validFrom,
      validTo: claimed.validTo,
    },
    claimedCount: pack.claimedCount + 1,
    goal,
    rewarded,
  };
}

class RewardRefused extends Error {}

/** The sharer's reward, once per pack: the guarded rewarded_at, then the claim; all or nothing. */
async function rewardSharer(deps: Deps, tx: Tx, pack: ShareRow, rewardTemplateId: number, now: Date): Promise<boolean> {
  try {
    return await tx.transaction(async (sp) => {
      const [marked] = await sp
        .update(couponShares)
        .set({ rewardedAt: now })
        .where(and(eq(couponShares.id, pack.id), isNull(couponShares.rewardedAt)));
      if (marked.affectedRows !== 1) return true;
      const outcome = await claimCoupon(sp, {
        templateId: rewardTemplateId,
        memberId: pack.sharerMemberId,
        source: 'share_reward',
        now,
        issueKey: `share_reward:${pack.id}`,
        skipAudience: true,
      });
      // The unique issue key is the second guard: a reward already there is this pack's reward.
      if (!outcome.ok && outcome.refusal !== 'ALREADY_CLAIMED') throw new RewardRefused(outcome.refusal);
      return true;
    });
  } catch (err) {
    if (!(err instanceof RewardRefused)) throw err;
    deps.logger.warn(
      { shareId: pack.id, rewardTemplateId, refusal: err.message },
      'coupon share reward not issued; the next claim tries again',
    );
    return false;
  }
}

const ER_LOCK_DEADLOCK = 1213;
const DEADLOCK_ATTEMPTS = 3;

async function withDeadlockRetry<T>(run: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (err) {
      if (attempt >= DEADLOCK_ATTEMPTS || !isDeadlock(err)) throw err;
      await new Promise((resolve) => setTimeout(resolve, 5 + Math.random() * 20 * attempt));
    }
  }
}

function isDeadlock(err: unknown): boolean {
  const errno = (e: unknown) => (typeof e === 'object' && e !== null ? (e as { errno?: unknown }).errno : undefined);
  return errno(err) === ER_LOCK_DEADLOCK || errno((err as { cause?: unknown })?.cause) === ER_LOCK_DEADLOCK;
}
