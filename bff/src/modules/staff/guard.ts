import type { DbOrTx } from '@shop/db';
import { requireMemberId } from '../../http/auth';
import type { AppContext } from '../../http/context';
import { errors } from '../../http/errors';
import { findActiveStaff, type StaffIdentity } from '../member';

export type StaffRole = StaffIdentity['role'];
const RANK: Record<StaffRole, number> = { clerk: 1, manager: 2, admin: 3 };

/** The signed-in staff member with at least `minRole` (clerk ⊂ manager ⊂ admin), else 401/403. */
export async function requireStaff(
  ctx: AppContext,
  db: DbOrTx,
  minRole: StaffRole = 'clerk',
): Promise<StaffIdentity & { memberId: number }> {
  const memberId = requireMemberId(ctx);
  const staff = await findActiveStaff(db, memberId);
  if (!staff || RANK[staff.role] < RANK[minRole]) throw errors.forbidden('仅限门店员工操作');
  return { ...staff, memberId };
}

/** Clerks and managers act only for their own store; admins for every store. */
export function assertStoreAccess(staff: StaffIdentity, storeId: number): void {
  if (staff.role !== 'admin' && staff.storeId !== storeId) throw errors.forbidden('仅限本门店员工操作');
}
