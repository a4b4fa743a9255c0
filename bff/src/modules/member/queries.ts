import { and, asc, desc, eq, lt, sql } from 'drizzle-orm';
import { members, pointsLedger, staff, stores, tiers, type DbOrTx } from '@shop/db';
import type { Tier } from '../../domain/membership';

export type MemberRow = typeof members.$inferSelect;

export async function findMemberById(db: DbOrTx, id: number): Promise<MemberRow | undefined> {
  const [row] = await db.select().from(members).where(eq(members.id, id)).limit(1);
  return row;
}

/** Locks the member row for the rest of the transaction (points and spend changes serialise here). */
export async function lockMember(tx: DbOrTx, id: number): Promise<MemberRow | undefined> {
  const [row] = await tx.select().from(members).where(eq(members.id, id)).for('update').limit(1);
  return row;
}

/**
 * Login: create the member on first sight, keep the unionid when WeChat sends one. `created`
 * says this login made the member (the insert, not the update, took effect: affectedRows 1).
 */
export async function upsertMemberByOpenid(
  db: DbOrTx,
  input: { openid: string; unionid?: string; now: Date },
): Promise<MemberRow & { created: boolean }> {
  const [upserted] = await db
    .insert(members)
    .values({ openid: input.openid, unionid: input.unionid ?? null, lastLoginAt: input.now })
    .onDuplicateKeyUpdate({
      set: { unionid: sql`COALESCE(VALUES(${members.unionid}), ${members.unionid})`, lastLoginAt: input.now },
    });
  const [row] = await db.select().from(members).where(eq(members.openid, input.openid)).limit(1);
  return { ...row, created: upserted.affectedRows === 1 };
}

export async function listTiers(db: DbOrTx): Promise<Tier[]> {
  return db
    .select({
      code: tiers.code,
      name: tiers.name,
      rank: tiers.rank,
      thresholdFen: tiers.thresholdFen,
      discountPercent: tiers.discountPercent,
    })
    .from(tiers)
    .orderBy(asc(tiers.rank));
}

export type StaffIdentity = { staffId: number; storeId: number | null; storeName: string | null; role: 'clerk' | 'manager' | 'admin' };

export async function findActiveStaff(db: DbOrTx, memberId: number): Promise<StaffIdentity | undefined> {
  const [row] = await db
    .select({ staffId: staff.id, storeId: staff.storeId, storeName: stores.name, role: staff.role })
    .from(staff)
    .leftJoin(stores, eq(stores.id, staff.storeId))
    .where(and(eq(staff.memberId, memberId), eq(staff.status, 'active')))
    .limit(1);
  return row;
}

export async function updateMemberProfile(db: DbOrTx, id: number, patch: { nickname?: string; avatarUrl?: string }): Promise<void> {
  const set = Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined));
  if (Object.keys(set).length === 0) return;
  await db.update(members).set(set).where(eq(members.id, id));
}

/** Birthday may be set once: the guard makes a second attempt change nothing. */
export async function setBirthdayOnce(db: DbOrTx, id: number, birthday: string): Promise<boolean> {
  const [result] = await db
    .update(members)
    .set({ birthday })
    .where(and(eq(members.id, id), sql`${members.birthday} IS NULL`));
  return result.affectedRows === 1;
}

export async function setPhone(db: DbOrTx, id: number, phone: string): Promise<void> {
  await db.update(members).set({ phone }).where(eq(members.id, id));
}

export type PointsEntry = typeof pointsLedger.$inferSelect;

/** GET /api/me/points: newest first, keyset-paged by id. */
export async function listPointsLedger(db: DbOrTx, memberId: number, limit: number, beforeId?: number): Promise<PointsEntry[]> {
  return db
    .select()
    .from(pointsLedger)
    .where(and(eq(pointsLedger.memberId, memberId), beforeId ? lt(pointsLedger.id, beforeId) : undefined))
    .orderBy(desc(pointsLedger.id))
    .limit(limit);
}
