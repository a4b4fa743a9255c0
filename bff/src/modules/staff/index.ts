/**
 * Staff (docs/domain.md#staff): who works where in which role, the role guard, the audit log,
 * and resolving a customer's member code at the till.
 *
 * Owns: staff, staff_audit_log.
 */
export { staffRoutes } from './routes';
export { assertStoreAccess, requireStaff, storeFor } from './guard';
export { audit, checkMemberCode, useMemberCode } from './service';
export { consumeResolution, isResolvedBy } from './till-resolution';
