import { eq } from 'drizzle-orm';
import { members, staff as staffTable, staffAuditLog, stores, type DbOrTx } from '@shop/db';
import type { AppDeps } from '../../deps';
import { errors } from '../../http/errors';
import { RateLimiter } from '../../http/rate-limit';
import { burnMemberCode, verifyMemberCode } from '../member/member-code';
import { findMemberById, listTiers, type StaffIdentity } from '../member/queries';
import { toMemberView } from '../member/service';

type Deps = Pick<AppDeps, 'db' | 'redis' | 'config' | 'now'>;
type Actor = StaffIdentity & { memberId: number };

/** Wrong member codes per staff member per minute before scans are refused for the minute. */
const WRONG_CODE_LIMIT = 20;

export async function resolveMemberCode(deps: Deps, staff: Actor, code: string, userAgent: string) {
  const limiter = new RateLimiter(deps.redis, 'member_code', WRONG_CODE_LIMIT, 60);
  const subject = String(staff.staffId);
  if (await limiter.isBlocked(subject)) throw errors.rateLimited('会员码错误次数过多，请稍后再试');

  const check = verifyMemberCode(deps.config.memberCodeSecret, code, deps.now());
  if (!check.ok) {
    if (check.reason !== 'expired') await limiter.count(subject);
    throw check.reason === 'expired'
      ? errors.rule('MEMBER_CODE_EXPIRED', '会员码已过期，请让顾客刷新后重试')
      : errors.rule('MEMBER_CODE_INVALID', '会员码无效');
  }
  if (!(await burnMemberCode(deps.redis, code, check.expiry, deps.now()))) {
    throw errors.conflict('MEMBER_CODE_USED', '会员码已使用，请让顾客刷新后重试');
  }
  const member = await findMemberById(deps.db, check.memberId);
  if (!member) throw errors.rule('MEMBER_CODE_INVALID', '会员码无效');
  await audit(deps.db, staff, { action: 'member_code.resolve', targetType: 'member', targetId: member.id, userAgent });
  const view = toMemberView(member, await listTiers(deps.db), undefined);
  return { id: view.id, nickname: view.nickname, avatarUrl: view.avatarUrl, phone: view.phone, tier: view.tier, points: view.points };
}

export async function bindStaff(
  deps: Deps,
  admin: Actor,
  input: { memberId: number; storeId: number; role: 'clerk' | 'manager' },
  userAgent: string,
) {
  return deps.db.transaction(async (tx) => {
    const [member] = await tx.select({ id: members.id }).from(members).where(eq(members.id, input.memberId)).limit(1);
    if (!member) throw errors.notFound('MEMBER_NOT_FOUND', '会员不存在');
    const [store] = await tx.select({ id: stores.id }).from(stores).where(eq(stores.id, input.storeId)).limit(1);
    if (!store) throw errors.notFound('STORE_NOT_FOUND', '门店不存在');
    const [existing] = await tx.select().from(staffTable).where(eq(staffTable.memberId, input.memberId)).limit(1);
    if (existing?.role === 'admin') throw errors.rule('STAFF_IS_ADMIN', '总部管理员不能改为门店员工');
    await tx
      .insert(staffTable)
      .values({ memberId: input.memberId, storeId: input.storeId, role: input.role })
      .onDuplicateKeyUpdate({ set: { storeId: input.storeId, role: input.role, status: 'active' } });
    const [row] = await tx.select().from(staffTable).where(eq(staffTable.memberId, input.memberId)).limit(1);
    await audit(tx, admin, { action: 'staff.bind', targetType: 'member', targetId: input.memberId, userAgent, detail: input });
    return { staffId: row.id, memberId: input.memberId, storeId: input.storeId, role: input.role };
  });
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
