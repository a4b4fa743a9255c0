import { randomInt } from 'node:crypto';
import { and, count, desc, eq, inArray, type SQL } from 'drizzle-orm';
import { couponTemplates, tiers, userCoupons, type Db, type DbOrTx } from '@shop/db';
import type { AppDeps } from '../../deps';
import { couponFace } from '../../domain/coupon-face';
import { shanghaiDate, shanghaiDateEnd, shanghaiDateStart } from '../../domain/shanghai';
import { errors } from '../../http/errors';
import { applyTransition } from '../../lifecycle/apply';
import { lifecycles } from '../../lifecycle/tables';
import type { StaffIdentity } from '../member';
import { audit } from '../staff';
import { findTemplate, type CouponTemplate } from './queries';
import { CouponTemplateInputSchema, type CouponTemplateInput, type CouponTemplatePatch } from './schema';

/**
 * Head office's coupon templates (docs/domain.md#coupons): create, edit, pause, resume, end.
 * Every write is audited with who, what, before and after. A template's money rule is part of
 * every coupon members already hold, so once one was issued the rule fields are frozen (the
 * clear alternative is ending it and creating a new one); names, texts, quantity (never below
 * what was issued), limits and the window's end stay editable.
 */
type Deps = Pick<AppDeps, 'db' | 'now'>;
type Admin = StaffIdentity & { memberId: number };

const RULE_FIELDS = [
  'kind',
  'amountOffFen',
  'percent',
  'maxDiscountFen',
  'thresholdFen',
  'scope',
  'scopeIds',
  'excludedProductIds',
  'channel',
  'storeIds',
  'validity',
  'validDays',
  'validFromDate',
] as const satisfies readonly (keyof CouponTemplatePatch)[];

export async function createTemplate(deps: Deps, admin: Admin, input: CouponTemplateInput, userAgent: string): Promise<CouponTemplate> {
  return deps.db.transaction(async (tx) => {
    await checkReferences(tx, input);
    const [inserted] = await tx.insert(couponTemplates).values({ ...columnsOf(input), code: newTemplateCode(deps.now()) });
    const created = (await findTemplate(tx, inserted.insertId))!;
    await audit(tx, admin, {
      action: 'coupon_template.create',
      targetType: 'coupon_template',
      targetId: created.id,
      userAgent,
      detail: { after: input },
    });
    return created;
  });
}

export async function updateTemplate(
  deps: Deps,
  admin: Admin,
  id: number,
  patch: CouponTemplatePatch,
  userAgent: string,
): Promise<CouponTemplate> {
  return deps.db.transaction(async (tx) => {
    const [before] = await tx.select().from(couponTemplates).where(eq(couponTemplates.id, id)).for('update').limit(1);
    if (!before) throw errors.notFound('COUPON_TEMPLATE_NOT_FOUND', '优惠券不存在');
    if (before.status === 'ended') throw errors.rule('COUPON_TEMPLATE_ENDED', '已结束的优惠券不能修改');
    const current = inputOf(before);
    const changedRule = RULE_FIELDS.filter((f) => f in patch && JSON.stringify(patch[f]) !== JSON.stringify(current[f]));
    if (before.issuedCount > 0 && changedRule.length > 0) {
      throw errors.rule('COUPON_RULE_LOCKED', '已有用户领取，优惠规则不能修改；如需调整请结束后新建');
    }
    if (patch.totalQuantity !== undefined && patch.totalQuantity < before.issuedCount) {
      throw errors.rule('COUPON_QUANTITY_BELOW_ISSUED', `发放总量不能少于已发放的 ${before.issuedCount} 张`);
    }
    const merged = CouponTemplateInputSchema.safeParse({ ...current, ...patch });
    if (!merged.success) throw errors.validation(merged.error.issues[0]?.message, merged.error.issues);
    await checkReferences(tx, merged.data, id);
    await tx.update(couponTemplates).set(columnsOf(merged.data)).where(eq(couponTemplates.id, id));
    await audit(tx, admin, {
      action: 'coupon_template.update',
      targetType: 'coupon_template',
      targetId: id,
      userAgent,
      detail: { before: current, after: merged.data },
    });
    return (await findTemplate(tx, id))!;
  });
}

/** pause / resume / end: one guarded move each, audited; a lost race answers 409. */
export async function moveTemplate(
  deps: Deps,
  admin: Admin,
  id: number,
  event: 'pause' | 'resume' | 'end',
  userAgent: string,
): Promise<CouponTemplate> {
  return deps.db.transaction(async (tx) => {
    const before = await findTemplate(tx, id);
    if (!before) throw errors.notFound('COUPON_TEMPLATE_NOT_FOUND', '优惠券不存在');
    await applyTransition(tx, lifecycles.couponTemplate, before, event, { actor: { type: 'staff', id: admin.staffId }, at: deps.now() });
    await audit(tx, admin, {
      action: `coupon_template.${event}`,
      targetType: 'coupon_template',
      targetId: id,
      userAgent,
      detail: { before: before.status },
    });
    return (await findTemplate(tx, id))!;
  });
}

export type TemplateStats = { issued: number; used: number; expired: number };

export async function listTemplates(db: Db, filter: { status?: CouponTemplate['status']; source?: CouponTemplate['source'] }) {
  const where: SQL[] = [];
  if (filter.status) where.push(eq(couponTemplates.status, filter.status));
  if (filter.source) where.push(eq(couponTemplates.source, filter.source));
  const rows = await db
    .select()
    .from(couponTemplates)
    .where(and(...where))
    .orderBy(desc(couponTemplates.id))
    .limit(200);
  const stats = await statsOf(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((row) => ({ row, stats: stats.get(row.id) ?? { issued: row.issuedCount, used: 0, expired: 0 } }));
}

/** Issued / used / expired per template: the redemption figures head office reads. */
export async function statsOf(db: DbOrTx, templateIds: number[]): Promise<Map<number, TemplateStats>> {
  const result = new Map<number, TemplateStats>();
  if (templateIds.length === 0) return result;
  const rows = await db
    .select({ templateId: userCoupons.templateId, status: userCoupons.status, n: count() })
    .from(userCoupons)
    .where(inArray(userCoupons.templateId, templateIds))
    .groupBy(userCoupons.templateId, userCoupons.status);
  for (const { templateId, status, n } of rows) {
    const stats = result.get(templateId) ?? { issued: 0, used: 0, expired: 0 };
    stats.issued += n;
    if (status === 'used') stats.used += n;
    if (status === 'expired') stats.expired += n;
    result.set(templateId, stats);
  }
  return result;
}

export function toTemplateView({ createdAt: _created, updatedAt: _updated, ...row }: CouponTemplate, stats?: TemplateStats) {
  return {
    ...row,
    validFrom: row.validFrom?.toISOString() ?? null,
    validTo: row.validTo?.toISOString() ?? null,
    face: couponFace(row),
    stats,
  };
}

/** The columns an input writes: dates become the first and last instants of their Shanghai days. */
function columnsOf(input: CouponTemplateInput) {
  const { validFromDate, validToDate, ...rest } = input;
  const fixed = input.validity === 'fixed';
  return {
    ...rest,
    amountOffFen: input.kind === 'percent' ? null : (input.amountOffFen ?? null),
    percent: input.kind === 'percent' ? (input.percent ?? null) : null,
    maxDiscountFen: input.kind === 'percent' ? (input.maxDiscountFen ?? null) : null,
    validFrom: fixed ? shanghaiDateStart(validFromDate!) : null,
    validTo: fixed ? shanghaiDateEnd(validToDate!) : null,
    validDays: fixed ? null : (input.validDays ?? null),
    shareGoal: input.shareGoal ?? null,
    shareRewardTemplateId: input.shareRewardTemplateId ?? null,
  };
}

/** A row read back as the input that would write it (for patches and the audit's "before"). */
function inputOf(row: CouponTemplate): CouponTemplateInput {
  return {
    name: row.name,
    description: row.description,
    kind: row.kind,
    amountOffFen: row.amountOffFen,
    percent: row.percent,
    maxDiscountFen: row.maxDiscountFen,
    thresholdFen: row.thresholdFen,
    scope: row.scope,
    scopeIds: row.scopeIds,
    excludedProductIds: row.excludedProductIds,
    channel: row.channel,
    storeIds: row.storeIds,
    source: row.source,
    audience: row.audience,
    audienceTiers: row.audienceTiers,
    validity: row.validity,
    validFromDate: row.validFrom ? shanghaiDate(row.validFrom) : null,
    validToDate: row.validTo ? shanghaiDate(row.validTo) : null,
    validDays: row.validDays,
    totalQuantity: row.totalQuantity,
    perUserLimit: row.perUserLimit,
    shareGoal: row.shareGoal,
    shareRewardTemplateId: row.shareRewardTemplateId,
  };
}

async function checkReferences(db: DbOrTx, input: CouponTemplateInput, selfId?: number): Promise<void> {
  if (input.audience === 'tiers') {
    const known = (await db.select({ code: tiers.code }).from(tiers)).map((t) => t.code);
    const unknown = input.audienceTiers.filter((code) => !known.includes(code));
    if (unknown.length > 0) throw errors.validation(`会员等级不存在：${unknown.join('、')}`);
  }
  if (input.shareRewardTemplateId != null) {
    if (input.shareRewardTemplateId === selfId) throw errors.validation('奖励优惠券不能是它自己');
    const reward = await findTemplate(db, input.shareRewardTemplateId);
    if (!reward) throw errors.validation('奖励优惠券不存在');
  }
}

/** 'CT261203' + 5 random digits: readable in the admin list, unique by index. */
function newTemplateCode(now: Date): string {
  return `CT${shanghaiDate(now).slice(2).replace(/-/g, '')}${String(randomInt(0, 100_000)).padStart(5, '0')}`;
}
