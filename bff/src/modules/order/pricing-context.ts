import { and, eq, gte, inArray, lte } from 'drizzle-orm';
import { specText } from '../../domain/spec-text';
import {
  categories,
  couponTemplates,
  liveProducts,
  liveRooms,
  members,
  products,
  promotions,
  skus,
  tiers,
  userCoupons,
  type DbOrTx,
} from '@shop/db';
import type { Coupon, PricingLine, ThresholdPromotion } from '../../domain/pricing';
import { errors } from '../../http/errors';

/**
 * Everything the pure pricing function needs, read from the database — never from the client.
 * Used by the checkout quote and again, inside the transaction, by order creation.
 */
export type CatalogLine = PricingLine & { title: string; specText: string; imageUrl: string };

export async function loadLines(db: DbOrTx, items: { skuId: number; qty: number }[]): Promise<CatalogLine[]> {
  const merged = new Map<number, number>();
  for (const item of items) merged.set(item.skuId, (merged.get(item.skuId) ?? 0) + item.qty);
  const skuIds = [...merged.keys()];
  const rows = await db
    .select({ sku: skus, product: products })
    .from(skus)
    .innerJoin(products, eq(products.id, skus.productId))
    .where(inArray(skus.id, skuIds));
  const categoryRows = await db.select({ id: categories.id, parentId: categories.parentId }).from(categories);
  const parentOf = new Map(categoryRows.map((c) => [c.id, c.parentId]));
  return skuIds.map((skuId) => {
    const row = rows.find((r) => r.sku.id === skuId);
    if (!row) throw errors.notFound('SKU_NOT_FOUND', '商品规格不存在');
    if (row.product.status !== 'on_sale' || row.sku.status !== 'active')
      throw errors.rule('PRODUCT_OFF_SHELF', `${row.product.title} 已下架`);
    return {
      key: String(skuId),
      skuId,
      productId: row.product.id,
      categoryIds: ancestry(row.product.categoryId, parentOf),
      unitPriceFen: row.sku.priceFen,
      qty: merged.get(skuId)!,
      activityPriceFen: null,
      title: row.product.title,
      specText: specText(row.product.specs, row.sku.specValues),
      imageUrl: row.sku.imageUrl ?? row.product.images[0] ?? '',
    };
  });
}

function ancestry(categoryId: number, parentOf: Map<number, number | null>): number[] {
  const chain: number[] = [];
  for (let id: number | null | undefined = categoryId; id && !chain.includes(id); id = parentOf.get(id)) chain.push(id);
  return chain;
}

/** Live-only prices apply while the room is live, to the products it features. */
export async function applyLivePrices(db: DbOrTx, lines: CatalogLine[], liveRoomId: number, now: Date): Promise<void> {
  const [room] = await db.select().from(liveRooms).where(eq(liveRooms.id, liveRoomId)).limit(1);
  if (!room || room.status !== 'live' || room.startsAt > now || room.endsAt < now)
    throw errors.rule('LIVE_NOT_ACTIVE', '直播已结束，直播价不可用');
  const featured = await db.select().from(liveProducts).where(eq(liveProducts.liveRoomId, liveRoomId));
  for (const line of lines) {
    const match = featured.find((f) => f.productId === line.productId && (f.skuId === null || f.skuId === line.skuId));
    if (match?.livePriceFen != null) line.activityPriceFen = match.livePriceFen;
  }
}

export async function memberDiscountPercent(db: DbOrTx, memberId: number): Promise<{ percent: number; tierCode: string }> {
  const [row] = await db
    .select({ percent: tiers.discountPercent, tierCode: members.tierCode })
    .from(members)
    .innerJoin(tiers, eq(tiers.code, members.tierCode))
    .where(eq(members.id, memberId))
    .limit(1);
  if (!row) throw errors.unauthenticated();
  return row;
}

/** 满减 running now for a sales channel: online checkout (default) or the till ('offline'); 'both' counts for each. */
export async function activePromotions(db: DbOrTx, now: Date, channel: 'online' | 'offline' = 'online'): Promise<ThresholdPromotion[]> {
  const rows = await db
    .select()
    .from(promotions)
    .where(
      and(
        eq(promotions.status, 'active'),
        lte(promotions.startsAt, now),
        gte(promotions.endsAt, now),
        inArray(promotions.channel, [channel, 'both']),
      ),
    );
  return rows.map((p) => ({ id: p.id, name: p.name, tiers: p.tiers, scope: p.scope, scopeIds: p.scopeIds }));
}

export type HeldCoupon = { userCouponId: number; coupon: Coupon };

/** The member's coupons usable online right now. */
export async function usableCoupons(db: DbOrTx, memberId: number, now: Date): Promise<HeldCoupon[]> {
  const rows = await db
    .select({ id: userCoupons.id, template: couponTemplates })
    .from(userCoupons)
    .innerJoin(couponTemplates, eq(couponTemplates.id, userCoupons.templateId))
    .where(
      and(
        eq(userCoupons.memberId, memberId),
        eq(userCoupons.status, 'available'),
        lte(userCoupons.validFrom, now),
        gte(userCoupons.validTo, now),
        inArray(couponTemplates.channel, ['online', 'both']),
      ),
    );
  return rows.map(({ id, template: t }) => ({
    userCouponId: id,
    coupon: {
      id,
      name: t.name,
      kind: t.kind,
      amountOffFen: t.amountOffFen,
      percent: t.percent,
      maxDiscountFen: t.maxDiscountFen,
      thresholdFen: t.thresholdFen,
      scope: t.scope,
      scopeIds: t.scopeIds,
    },
  }));
}
