import { and, eq, gte, inArray, lte } from 'drizzle-orm';
import { categoryAncestry } from '../../domain/category-ancestry';
import { specText } from '../../domain/spec-text';
import { categories, members, products, promotions, skus, tiers, type DbOrTx } from '@shop/db';
import type { PricingLine, ThresholdPromotion } from '../../domain/pricing';
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
      categoryIds: categoryAncestry(row.product.categoryId, parentOf),
      unitPriceFen: row.sku.priceFen,
      qty: merged.get(skuId)!,
      activityPriceFen: null,
      title: row.product.title,
      specText: specText(row.product.specs, row.sku.specValues),
      imageUrl: row.sku.imageUrl ?? row.product.images[0] ?? '',
    };
  });
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
