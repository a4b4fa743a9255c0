import { eq } from 'drizzle-orm';
import { members, staff as staffTable, staffAuditLog, stores, type DbOrTx } from '@shop/db';
import type { AppDeps } from '../../deps';
import { errors } from '../../http/errors';
import { endMemberSessions } from '../../http/sessions';
import { RateLimiter } from '../../http/rate-limit';
import { burnMemberCode, verifyMemberCode, findMemberById, listTiers, type StaffIdentity, toMemberView } from '../member';
import { recordTillResolution } from './till-resolution';

type Deps = Pick<AppDeps, 'db' | 'redis' | 'config' | 'now'>;
type Actor = StaffIdentity & { memberId: number };

/** Wrong member codes per staff member per minute before scans are refused for the minute. */
const WRONG_CODE_LIMIT = 20;

export async function resolveMemberCode(deps: Deps, staff: Actor, code: string, userAgent: string) {
  const { memberId, expiry } = await checkMemberCode(deps, staff, code);
  await useMemberCode(deps, code, expiry);
  const member = await findMemberById(deps.db, memberId);
  if (!member) throw errors.rule('MEMBER_CODE_INVALID', '会员码无效');
  await audit(deps.db, staff, { action: 'member_code.resolve', targetType: 'member', targetId: member.id, userAgent });
  const view = toMemberView(member, await listTiers(deps.db), undefined);
  await recordTillResolution(deps.redis, staff.staffId, member.id);
  return { id: view.id, nickname: view.nickname, avatarUrl: view.avatarUrl, phone: view.phone, tier: view.tier, points: view.points };
}

/**
 * First half of a scan: verifies a member code without using it up. Wrong codes count against
 * the staff member's per-minute limit; expired ones do not (the customer simply refreshes).
 * The till sale calls this before its transaction and `useMemberCode` as its last step.
 */
export async function checkMemberCode(
  deps: Pick<Deps, 'redis' | 'config' | 'now'>,
  staff: Actor,
  code: string,
): Promise<{ memberId: number; expiry: number }> {
  const limiter = new RateLimiter(deps.redis, 'member_code', WRONG_CODE_LIMIT, 60, deps.config.rateLimits.keyPrefix);
  const subject = String(staff.staffId);
  const wait = await limiter.blockedFor(subject);
  if (wait !== null) throw errors.rateLimited('会员码错误次数过多，请稍后再试', wait);

  const check = verifyMemberCode(deps.config.memberCodeSecret, code, deps.now());
  if (!check.ok) {
    if (check.reason !== 'expired') await limiter.count(subject);
    throw check.reason === 'expired'
      ? errors.rule('MEMBER_CODE_EXPIRED', '会员码已过期，请让顾客刷新后重试')
      : errors.rule('MEMBER_CODE_INVALID', '会员码无效');
  }
  return { memberId: check.memberId, expiry: check.expiry };
}

/** Second half of a scan: burns a checked code (one scan per code), else 409 MEMBER_CODE_USED. */
export async function useMemberCode(deps: Pick<Deps, 'redis' | 'now'>, code: string, expiry: number): Promise<void> {
  if (!(await burnMemberCode(deps.redis, code, expiry, deps.now()))) {
    throw errors.conflict('MEMBER_CODE_USED', '会员码已使用，请让顾客刷新后重试');
  }
}

/**
 * POST /api/admin/staff: binds a member to a store as clerk or manager, or moves them. When the
 * binding is new or changes (role, store, or a disabled one comes back), every session the member
 * holds ends after the commit, so their phone signs in again and shows the new workspace; the
 * guard reads the role on every request anyway (guard.ts). Binding again unchanged ends nothing.
 */
export async function bindStaff(
  deps: Deps,
  admin: Actor,
  input: { memberId: number; storeId: number; role: 'clerk' | 'manager' },
  userAgent: string,
) {
  const { binding, changed } = await deps.db.transaction(async (tx) => {
    const [member] = await tx.select({ id: members.id }).from(members).where(eq(members.id, input.memberId)).limit(1);
    if (!member) throw errors.notFound('MEMBER_NOT_FOUND', '会员不存在');
    const [store] = await tx.select({ id: stores.id }).from(stores).where(eq(stores.id, input.storeId)).limit(1);
    if (!store) throw errors.notFound('STORE_NOT_FOUND', '门店不存在');
    const [existing] = await tx.select().from(staffTable).where(eq(staffTable.memberId, input.memberId)).limit(1).for('update');
    if (existing?.role === 'admin') throw errors.rule('STAFF_IS_ADMIN', '总部管理员不能改为门店员工');
    await tx
      .insert(staffTable)
      .values({ memberId: input.memberId, storeId: input.storeId, role: input.role })
      .onDuplicateKeyUpdate({ set: { storeId: input.storeId, role: input.role, status: 'active' } });
    const [row] = await tx.select().from(staffTable).where(eq(staffTable.memberId, input.memberId)).limit(1);
    await audit(tx, admin, { action: 'staff.bind', targetType: 'member', targetId: input.memberId, userAgent, detail: input });
    const changed =
      existing === undefined || existing.role !== input.role || existing.storeId !== input.storeId || existing.status !== 'active';
    return { binding: { staffId: row.id, memberId: input.memberId, storeId: input.storeId, role: input.role }, changed };
  });
  if (changed) await endMemberSessions(deps.redis, input.memberId, deps.config.sessionKeyPrefix);
  return binding;
}

/**
 * DELETE /api/admin/staff/:memberId: the member is no longer staff (the row stays, disabled, for
 * the audit trail and a later re-binding). Their sessions end after the commit: the next request
 * with an old token is 401, and after signing in again they are a customer only.
 */
export async function unbindStaff(deps: Deps, admin: Actor, memberId: number, userAgent: string): Promise<void> {
  await deps.db.transaction(async (tx) => {
    const [existing] = await tx.select().from(staffTable).where(eq(staffTable.memberId, memberId)).limit(1).for('update');
    if (!existing || existing.status !== 'active') throw errors.notFound('STAFF_NOT_FOUND', '该会员不是门店员工');
    if (existing.role === 'admin') throw errors.rule('STAFF_IS_ADMIN', '总部管理员不能在此解绑');
    await tx.update(staffTable).set({ status: 'disabled' }).where(eq(staffTable.id, existing.id));
    await audit(tx, admin, {
      action: 'staff.unbind',
      targetType: 'member',
      targetId: memberId,
      userAgent,
      detail: { storeId: existing.storeId, role: existing.role },
    });
  });
  await endMemberSessions(deps.redis, memberId, deps.config.sessionKeyPrefix);
}

export async function audit(
  db: DbOrTx,
  actor: Actor,
  entry: { action: string; targetType: string; targetId: number | string; userAgent: string; detail?: Record<string, unknown> },
): Promise<void> {
  await db.insert(staffAuditLog).values({
    staffId: actor.staffId,
    storeId: actor.storeId,
    action: entry.action,
    targetType: entry.targetType,
    targetId: String(entry.targetId),
    detail: entry.detail,
    userAgent: entry.userAgent.slice(0, 255),
  });
}
