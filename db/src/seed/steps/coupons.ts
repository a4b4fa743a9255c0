import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { Tx } from '../../index';
import { couponTemplates, pointsExchangeItems } from '../../schema';
import { categorySeeds } from '../data/categories';
import { couponTemplateSeeds, pointsExchangeSeeds } from '../data/coupons';
import { ensureRows, idOf, insertMissing, type TableCount } from '../helpers';
import type { CouponScopeSeed, CouponTemplateSeed, Window } from '../types';

type Ids = { categoryIds: Map<string, number>; productIds: Map<string, number> };

/**
 * A top-level category in a scope stands for itself and all its children: products hang off
 * leaf categories, so the pricing code then matches a product by its own category id whether it
 * checks the leaf or the parent.
 */
function scopeIds(target: CouponScopeSeed, { categoryIds, productIds }: Ids): number[] {
  switch (target.scope) {
    case 'all':
      return [];
    case 'products':
      return target.spus.map((spu) => idOf(productIds, spu, 'SPU'));
    case 'categories':
      return target.categories.flatMap((path) => {
        const children = path.length === 1 ? (categorySeeds.find((c) => c.name === path[0])?.children ?? []) : [];
        return [path.join('/'), ...children.map((child) => `${path[0]}/${child.name}`)].map((key) => idOf(categoryIds, key, 'category'));
      });
  }
}

function templateRow(t: CouponTemplateSeed, ids: Ids, at: (offset: number) => Date) {
  const fixed: Window | null = 'fixed' in t.validity ? t.validity.fixed : null;
  return {
    code: t.code,
    name: t.name,
    kind: t.kind,
    amountOffFen: t.amountOffFen ?? null,
    percent: t.percent ?? null,
    maxDiscountFen: t.maxDiscountFen ?? null,
    thresholdFen: t.thresholdFen,
    scope: t.target.scope,
    scopeIds: scopeIds(t.target, ids),
    channel: t.channel,
    source: t.source,
    validity: fixed ? ('fixed' as const) : ('relative' as const),
    validFrom: fixed ? at(fixed.from) : null,
    validTo: fixed ? at(fixed.to) : null,
    validDays: 'days' in t.validity ? t.validity.days : null,
    totalQuantity: t.totalQuantity,
    perUserLimit: t.perUserLimit,
    description: t.description,
  };
}

/** Coupon templates by code (fixed windows from the first seed's `now`), then the points exchange list. */
export async function seedCoupons(
  tx: Tx,
  ids: Ids,
  at: (offset: number) => Date,
): Promise<{ templateIds: Map<string, number>; counts: { coupon_templates: TableCount; points_exchange_items: TableCount } }> {
  const codes = couponTemplateSeeds.map((t) => t.code);
  const templates = await ensureRows(
    tx,
    couponTemplates,
    couponTemplateSeeds.map((t) => templateRow(t, ids, at)),
    (row) => row.code,
    async () =>
      (
        await tx
          .select({ id: couponTemplates.id, code: couponTemplates.code })
          .from(couponTemplates)
          .where(inArray(couponTemplates.code, codes))
      ).map((r) => ({ id: r.id, key: r.code })),
  );

  // points_exchange_items has no natural-key index; one item per template is the seed's own rule.
  const exchangeRows = pointsExchangeSeeds.map((e) => ({
    templateId: idOf(templates.ids, e.templateCode, 'coupon template'),
    pointsCost: e.pointsCost,
    stock: e.stock,
    sort: e.sort,
  }));
  const existing = await tx
    .select({ templateId: pointsExchangeItems.templateId })
    .from(pointsExchangeItems)
    .where(
      inArray(
        pointsExchangeItems.templateId,
        exchangeRows.map((r) => r.templateId),
      ),
    );
  const insertedItems = await insertMissing(
    tx,
    pointsExchangeItems,
    exchangeRows,
    new Set(existing.map((r) => String(r.templateId))),
    (row) => String(row.templateId),
  );

  // 分享领券: a template points at its reward by id, known only once both rows exist.
  for (const t of couponTemplateSeeds.filter((seed) => seed.share)) {
    await tx
      .update(couponTemplates)
      .set({ shareGoal: t.share!.goal, shareRewardTemplateId: idOf(templates.ids, t.share!.rewardCode, 'coupon template') })
      // Only while unset, so a rerun changes nothing (not even updated_at).
      .where(and(eq(couponTemplates.id, idOf(templates.ids, t.code, 'coupon template')), isNull(couponTemplates.shareRewardTemplateId)));
  }

  return {
    templateIds: templates.ids,
    counts: {
      coupon_templates: templates.count,
      points_exchange_items: { rows: exchangeRows.length, inserted: insertedItems.length },
    },
  };
}
