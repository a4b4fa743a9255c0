import { eq } from 'drizzle-orm';
import { stores, type DbOrTx } from '@shop/db';
import { requireMemberId } from '../../http/auth';
import type { AppContext } from '../../http/context';
import { errors } from '../../http/errors';
import { findActiveStaff, type StaffIdentity } from '../member';

export type StaffRole = StaffIdentity['role'];
const RANK: Record<StaffRole, number> = { clerk: 1, manager: 2, admin: 3 };
/** What a refused caller reads: the least role the route needs (a clerk on an admin route is told it is head office's). */
const REFUSAL: Record<StaffRole, string> = { clerk: '仅限门店员工操作', manager: '仅限店长操作', admin: '仅限总部管理员操作' };

/**
 * The signed-in staff member with at least `minRole` (clerk ⊂ manager ⊂ admin), else 401/403.
 * The role is read from the staff table on every request, never from the session, so unbinding or
 * changing a role refuses the very next request (docs/domain.md#staff).
 */
export async function requireStaff(
  ctx: AppContext,
  db: DbOrTx,
  minRole: StaffRole = 'clerk',
): Promise<StaffIdentity & { memberId: number }> {
  const memberId = requireMemberId(ctx);
  const staff = await findActiveStaff(db, memberId);
  if (!staff || RANK[staff.role] < RANK[minRole]) throw errors.forbidden(REFUSAL[minRole]);
  return { ...staff, memberId };
}

/** Clerks and managers act only for their own store; admins for every store. */
export function assertStoreAccess(staff: StaffIdentity, storeId: number): void {
  if (staff.role !== 'admin' && staff.storeId !== storeId) throw errors.forbidden('仅限本门店员工操作');
}

/**
 * The store a request acts on. Store staff act on their own store (naming another is 403 before
 * anything is read); head office must name one, which must exist.
 */
export async function storeFor(db: DbOrTx, staff: StaffIdentity, requested: number | undefined): Promise<number> {
  if (staff.role === 'admin') {
    if (requested === undefined) throw errors.validation('请选择门店');
    const [store] = await db.select({ id: stores.id }).from(stores).where(eq(stores.id, requested)).limit(1);
    if (!store) throw errors.notFound('STORE_NOT_FOUND', '门店不存在');
    return requested;
  }
  if (staff.storeId === null) throw errors.forbidden('仅限门店员工操作');
  const storeId = requested ?? staff.storeId;
  assertStoreAccess(staff, storeId);
  return storeId;
}
