import { and, eq, inArray } from 'drizzle-orm';
import type { Tx } from '../../index';
import { members, pointsLedger, staff } from '../../schema';
import { customerSeeds, staffMemberSeeds, staffSeeds } from '../data/members';
import { ensureRows, idOf, insertMissing, SEED_REFERENCE, type TableCount } from '../helpers';
import type { MemberSeed } from '../types';

const POINTS_REASON = 'seed';

/**
 * Demo customers and staff accounts by openid, the points that explain their balances, and the
 * staff bindings. As with stock, a points row is written only with its new member: a member
 * that already exists (say, created by a sandbox login before the seed) keeps its own balance.
 */
export async function seedMembers(
  tx: Tx,
  storeIds: Map<string, number>,
): Promise<{ members: TableCount; points_ledger: TableCount; staff: TableCount }> {
  const seeds: MemberSeed[] = [...customerSeeds, ...staffMemberSeeds];
  const openids = seeds.map((m) => m.openid);
  const memberResult = await ensureRows(
    tx,
    members,
    seeds.map((m) => ({ ...m, phone: m.phone ?? null, birthday: m.birthday ?? null })),
    (row) => row.openid,
    async () =>
      (await tx.select({ id: members.id, openid: members.openid }).from(members).where(inArray(members.openid, openids))).map((r) => ({
        id: r.id,
        key: r.openid,
      })),
  );
  const memberIds = memberResult.ids;

  const points = await seedPoints(tx, memberIds, memberResult.inserted);

  const existingStaff = await tx
    .select({ memberId: staff.memberId })
    .from(staff)
    .where(inArray(staff.memberId, [...memberIds.values()]));
  const staffRows = staffSeeds.map((s) => ({
    memberId: idOf(memberIds, s.openid, 'member'),
    storeId: s.storeCode === null ? null : idOf(storeIds, s.storeCode, 'store'),
    role: s.role,
  }));
  const insertedStaff = await insertMissing(tx, staff, staffRows, new Set(existingStaff.map((r) => String(r.memberId))), (row) =>
    String(row.memberId),
  );

  return {
    members: memberResult.count,
    points_ledger: points,
    staff: { rows: staffRows.length, inserted: insertedStaff.length },
  };
}

/** One opening 'seed' row per new member with points, so Σ delta = points_balance from the start. */
async function seedPoints(
  tx: Tx,
  memberIds: Map<string, number>,
  newMembers: { openid: string; pointsBalance?: number }[],
): Promise<TableCount> {
  const keyOf = (r: { memberId: number; reason: string; reference: string }) => `${r.memberId}:${r.reason}:${r.reference}`;
  const existing = await tx
    .select({ memberId: pointsLedger.memberId, reason: pointsLedger.reason, reference: pointsLedger.reference })
    .from(pointsLedger)
    .where(
      and(
        inArray(pointsLedger.memberId, [...memberIds.values()]),
        eq(pointsLedger.reason, POINTS_REASON),
        eq(pointsLedger.reference, SEED_REFERENCE),
      ),
    );
  const rows = newMembers.flatMap(({ openid, pointsBalance = 0 }) =>
    pointsBalance > 0
      ? [
          {
            memberId: idOf(memberIds, openid, 'member'),
            delta: pointsBalance,
            balanceAfter: pointsBalance,
            reason: POINTS_REASON,
            reference: SEED_REFERENCE,
            note: '演示数据期初积分',
          },
        ]
      : [],
  );
  const inserted = await insertMissing(tx, pointsLedger, rows, new Set(existing.map(keyOf)), keyOf);
  return { rows: existing.length + inserted.length, inserted: inserted.length };
}
