import { and, asc, eq, gte, lt, lte } from 'drizzle-orm';
import { couponTemplates, userCoupons } from '@shop/db';
import type { AppDeps } from '../../deps';
import { shanghaiDate, shanghaiDayEnd, shanghaiDayStart } from '../../domain/shanghai';
import { tryTransition } from '../../lifecycle/apply';
import { lifecycles } from '../../lifecycle/tables';
import { enqueue } from '../outbox';

/**
 * The end of a coupon's life (docs/domain.md#coupons). A coupon is valid through the last
 * millisecond of its last Asia/Shanghai day; every use checks valid_to itself, so the sweep only
 * makes the status say what is already true (for the tabs and the metrics). The reminder goes
 * the day before: one 优惠券到期提醒 per member per day, once (the outbox dedupe key).
 */
type Deps = Pick<AppDeps, 'db' | 'now'>;

const SYSTEM = { type: 'system' } as const;

/** The 'expire-coupons' job: available coupons past their end become expired, in batches. */
export async function expireLapsedCoupons(deps: Deps, batch = 500): Promise<{ expired: number }> {
  const now = deps.now();
  let expired = 0;
  for (;;) {
    const lapsed = await deps.db
      .select({ id: userCoupons.id })
      .from(userCoupons)
      .where(and(eq(userCoupons.status, 'available'), lt(userCoupons.validTo, now)))
      .orderBy(asc(userCoupons.validTo))
      .limit(batch);
    if (lapsed.length === 0) return { expired };
    await deps.db.transaction(async (tx) => {
      for (const { id } of lapsed) {
        const moved = await tryTransition(tx, lifecycles.userCoupon, { id, status: 'available' }, 'expire', {
          actor: SYSTEM,
          at: now,
          where: lt(userCoupons.validTo, now),
        });
        if (moved.ok) expired += 1;
      }
    });
    if (lapsed.length < batch) return { expired };
  }
}

/** The 'remind-expiring-coupons' job: members with unused coupons ending tomorrow get one message. */
export async function remindExpiringCoupons(deps: Deps): Promise<{ reminded: number }> {
  const now = deps.now();
  const tomorrowStart = shanghaiDayStart(shanghaiDayEnd(now, 1));
  const tomorrowEnd = shanghaiDayEnd(now, 1);
  const rows = await deps.db
    .select({ memberId: userCoupons.memberId, name: couponTemplates.name, validTo: userCoupons.validTo })
    .from(userCoupons)
    .innerJoin(couponTemplates, eq(couponTemplates.id, userCoupons.templateId))
    .where(and(eq(userCoupons.status, 'available'), gte(userCoupons.validTo, tomorrowStart), lte(userCoupons.validTo, tomorrowEnd)))
    .orderBy(asc(userCoupons.memberId), asc(userCoupons.validTo));
  const byMember = new Map<number, { count: number; couponName: string; validTo: Date }>();
  for (const row of rows) {
    const seen = byMember.get(row.memberId);
    if (seen) seen.count += 1;
    else byMember.set(row.memberId, { count: 1, couponName: row.name, validTo: row.validTo });
  }
  const day = shanghaiDate(tomorrowStart);
  let reminded = 0;
  await deps.db.transaction(async (tx) => {
    for (const [memberId, first] of byMember) {
      const payload = { memberId, count: first.count, couponName: first.couponName, validTo: first.validTo.toISOString() };
      if (await enqueue(tx, 'coupon.expiring', payload, { dedupeKey: `coupon.expiring:${memberId}:${day}`, at: now })) reminded += 1;
    }
  });
  return { reminded };
}
