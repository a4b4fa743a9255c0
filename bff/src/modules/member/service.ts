import type { AppDeps } from '../../deps';
import { tierProgress } from '../../domain/membership';
import { shanghaiDate } from '../../domain/shanghai';
import { errors } from '../../http/errors';
import { mapWechatError } from '../../wechat/errors';
import { issueMemberCode } from './member-code';
import { memberIdOfNumber, memberNumberOf } from './member-number';
import {
  findActiveStaff,
  findMemberById,
  listPointsLedger,
  listTiers,
  setBirthdayOnce,
  setPhone,
  updateMemberProfile,
  type MemberRow,
  type StaffIdentity,
} from './queries';
import type { MemberView } from './schema';

type Deps = Pick<AppDeps, 'db' | 'redis' | 'wechat' | 'now' | 'config'>;

export async function getMemberView(deps: Pick<Deps, 'db'>, memberId: number): Promise<MemberView> {
  const member = await findMemberById(deps.db, memberId);
  if (!member) throw errors.unauthenticated();
  const [tiers, staff] = await Promise.all([listTiers(deps.db), findActiveStaff(deps.db, memberId)]);
  return toMemberView(member, tiers, staff);
}

export function toMemberView(
  member: MemberRow,
  tiers: Awaited<ReturnType<typeof listTiers>>,
  staff: StaffIdentity | undefined,
): MemberView {
  const progress = tierProgress(tiers, member.tierCode, member.totalSpentFen);
  const tierOut = (t: typeof progress.current) => ({ code: t.code, name: t.name, discountPercent: t.discountPercent });
  return {
    id: member.id,
    memberNo: memberNumberOf(member.id),
    nickname: member.nickname || '微信用户',
    avatarUrl: member.avatarUrl,
    phone: member.phone ? maskPhone(member.phone) : null,
    birthday: member.birthday,
    tier: tierOut(progress.current),
    progress: {
      next: progress.next ? { ...tierOut(progress.next), thresholdFen: progress.next.thresholdFen } : null,
      remainingFen: progress.remainingFen,
      percent: progress.percent,
    },
    totalSpentFen: member.totalSpentFen,
    points: member.pointsBalance,
    staff: staff ? { storeId: staff.storeId, storeName: staff.storeName, role: staff.role } : null,
  };
}

export async function updateProfile(
  deps: Deps,
  memberId: number,
  patch: { nickname?: string; avatarUrl?: string; birthday?: string },
): Promise<MemberView> {
  const member = await findMemberById(deps.db, memberId);
  if (!member) throw errors.unauthenticated();
  if (patch.birthday !== undefined) {
    if (patch.birthday > shanghaiDate(deps.now())) throw errors.validation('生日不能晚于今天');
    // Birthday coupons depend on it, so it can be set once and never changed by the member.
    if (member.birthday !== null && member.birthday !== patch.birthday) {
      throw errors.rule('BIRTHDAY_ALREADY_SET', '生日设置后不可修改');
    }
  }
  await deps.db.transaction(async (tx) => {
    await updateMemberProfile(tx, memberId, { nickname: patch.nickname, avatarUrl: patch.avatarUrl });
    if (patch.birthday !== undefined && member.birthday === null && !(await setBirthdayOnce(tx, memberId, patch.birthday))) {
      throw errors.rule('BIRTHDAY_ALREADY_SET', '生日设置后不可修改');
    }
  });
  return getMemberView(deps, memberId);
}

export async function bindPhone(deps: Deps, memberId: number, code: string): Promise<MemberView> {
  const phone = await deps.wechat.getPhoneNumber(code).catch((err: unknown) => {
    throw mapWechatError(err, { 40029: () => errors.rule('INVALID_PHONE_CODE', '手机号授权已失效，请重新授权') });
  });
  await setPhone(deps.db, memberId, phone.purePhoneNumber);
  return getMemberView(deps, memberId);
}

export async function listPoints(deps: Pick<Deps, 'db'>, memberId: number, limit: number, cursor?: number) {
  const rows = await listPointsLedger(deps.db, memberId, limit + 1, cursor);
  const page = rows.slice(0, limit);
  return {
    items: page.map((row) => ({
      id: row.id,
      delta: row.delta,
      balanceAfter: row.balanceAfter,
      reason: row.reason,
      reference: row.reference,
      createdAt: row.createdAt.toISOString(),
    })),
    nextCursor: rows.length > limit ? page[page.length - 1].id : null,
  };
}

export function currentMemberCode(deps: Pick<Deps, 'config' | 'now'>, memberId: number) {
  const { code, expiresAt } = issueMemberCode(deps.config.memberCodeSecret, memberId, deps.now());
  return { code, expiresAt: expiresAt.toISOString() };
}

/** How staff screens name a customer: nickname (or 微信用户) and the last 4 digits of the phone. */
export function customerSummary(nickname: string | null | undefined, phone: string | null | undefined) {
  return { nickname: nickname || '微信用户', phoneTail: phone ? phone.slice(-4) : null };
}

export function maskPhone(phone: string): string {
  return phone.length >= 7 ? `${phone.slice(0, 3)}****${phone.slice(-4)}` : phone;
}

/**
 * The till's lookup by 会员号 (staff only): the member, or 404 for a number that is mistyped
 * (check digit) or names nobody — the same answer, so numbers cannot be probed for members.
 */
export async function findMemberByNumber(deps: Pick<Deps, 'db'>, staffMemberId: number, memberNo: string) {
  if (!(await findActiveStaff(deps.db, staffMemberId))) throw errors.forbidden('仅限门店员工操作');
  const id = memberIdOfNumber(memberNo);
  const member = id === null ? undefined : await findMemberById(deps.db, id);
  if (!member) throw errors.notFound('MEMBER_NOT_FOUND', '未找到该会员号，请核对后重试');
  const view = toMemberView(member, await listTiers(deps.db), undefined);
  return {
    id: view.id,
    memberNo: view.memberNo,
    nickname: view.nickname,
    avatarUrl: view.avatarUrl,
    phone: view.phone,
    tier: view.tier,
    points: view.points,
  };
}
