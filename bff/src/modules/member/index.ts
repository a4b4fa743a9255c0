/**
 * Members (docs/domain.md#members): profile, tiers, points ledger, tier spend and the rotating
 * member code.
 *
 * Owns: members, tiers, points_ledger.
 */
export { memberRoutes } from './routes';
export { burnMemberCode, verifyMemberCode } from './member-code';
export { creditCompletedOrder, reverseForRefund, spendPoints } from './points';
export {
  findActiveStaff,
  findMemberById,
  listTiers,
  lockMember,
  upsertMemberByOpenid,
  type MemberRow,
  type StaffIdentity,
} from './queries';
export { MemberViewSchema, type MemberView } from './schema';
export { customerSummary, getMemberView, maskPhone, toMemberView } from './service';
export { memberIdOfNumber, memberNumberOf } from './member-number';
