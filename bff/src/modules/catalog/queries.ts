import { and, asc, desc, eq, gte, inArray, isNotNull, lte, sql, type SQL } from 'drizzle-orm';
import { categories, flashSales, groupCampaigns, inventory, liveProducts, liveRooms, products, skus, stores, type DbOrTx } from '@shop/db';
import { containsPattern } from '../../domain/search-query';
import { sellableOnlineSql } from '../inventory';

export type CategoryRow = typeof categories.$inferSelect;
export type ProductRow = typeof products.$inferSelect;
export type SkuRow = typeof skus.$inferSelect;

export async function listCategories(db: DbOrTx): Promise<CategoryRow[]> {
  return db.select().from(categories).orderBy(asc(categories.sort), asc(categories.id));
}

export type ProductFilter = {
  terms: string[];
  categoryIds?: number[];
  brand?: string;
  minPriceFen?: number;
  maxPriceFen?: number;
};
export type ProductSort = 'sales' | 'price_asc' | 'price_desc' | 'new';

function whereOf(filter: ProductFilter, withBrand = true): SQL | undefined {
  return and(
    eq(products.status, 'on_sale'),
    ...filter.terms.map((term) => sql`${products.searchText} LIKE ${containsPattern(term)}`),
    filter.categoryIds ? inArray(products.categoryId, filter.categoryIds) : undefined,
    withBrand && filter.brand ? eq(products.brand, filter.brand) : undefined,
    filter.minPriceFen !== undefined ? gte(products.minPriceFen, filter.minPriceFen) : undefined,
    filter.maxPriceFen !== undefined ? lte(products.minPriceFen, filter.maxPriceFen) : undefined,
  );
}

const ORDER: Record<ProductSort, SQL[]> = {
  sales: [desc(products.salesCount), desc(products.id)],
  price_asc: [asc(products.minPriceFen), asc(products.id)],
  price_desc: [desc(products.minPriceFen), desc(products.id)],
  new: [desc(products.createdAt), desc(products.id)],
};

export async function searchProducts(
  db: DbOrTx,
  filter: ProductFilter,
  sort: ProductSort,
  page: { offset: number; limit: number },
): Promise<{ rows: ProductRow[]; total: number }> {
  const where = whereOf(filter);
  const [rows, [{ total }]] = await Promise.all([
    db
      .select()
      .from(products)
      .where(where)
      .orderBy(...ORDER[sort])
      .limit(page.limit)
      .offset(page.offset),
    db
      .select({ total: sql<number>`COUNT(*)` })
      .from(products)
      .where(where),
  ]);
  return { rows, total: Number(total) };
}

/** Brands among the matches, ignoring the brand filter itself (for the filter sheet). */
export async function brandsFor(db: DbOrTx, filter: ProductFilter): Promise<string[]> {
  const rows = await db
    .selectDistinct({ brand: products.brand })
    .from(products)
    .where(whereOf(filter, false))
    .orderBy(asc(products.brand))
    .limit(50);
  return rows.map((r) => r.brand);
}

export async function findProduct(db: DbOrTx, id: number): Promise<ProductRow | undefined> {
  const [row] = await db.select().from(products).where(eq(products.id, id)).limit(1);
  return row;
}

export async function listSkus(db: DbOrTx, productIds: number[]): Promise<SkuRow[]> {
  if (productIds.length === 0) return [];
  return db
    .select()
    .from(skus)
    .where(and(inArray(skus.productId, productIds), eq(skus.status, 'active')))
    .orderBy(asc(skus.id));
}

/** Online sellable units per SKU, at one store or summed over open stores. */
export async function sellableBySku(db: DbOrTx, skuIds: number[], storeId?: number): Promise<Map<number, number>> {
  if (skuIds.length === 0) return new Map();
  const sellable = sql<number>`SUM(${sellableOnlineSql})`;
  const rows = await db
    .select({ skuId: inventory.skuId, sellable })
    .from(inventory)
    .innerJoin(stores, eq(stores.id, inventory.storeId))
    .where(and(inArray(inventory.skuId, skuIds), eq(stores.status, 'open'), storeId ? eq(inventory.storeId, storeId) : undefined))
    .groupBy(inventory.skuId);
  return new Map(rows.map((r) => [r.skuId, Number(r.sellable)]));
}

export type ActiveActivities = {
  groupBuys: (typeof groupCampaigns.$inferSelect)[];
  flashSales: (typeof flashSales.$inferSelect)[];
  livePrices: { liveRoomId: number; title: string; productId: number; skuId: number | null; livePriceFen: number | null }[];
};

/**
 * Activities running on these products now (flash sales also while upcoming, so the product
 * page can show the countdown).
 */
export async function activitiesFor(db: DbOrTx, productIds: number[], now: Date, flashLookahead: Date): Promise<ActiveActivities> {
  if (productIds.length === 0) return { groupBuys: [], flashSales: [], livePrices: [] };
  const [groupBuys, flash, livePrices] = await Promise.all([
    db
      .select()
      .from(groupCampaigns)
      .where(
        and(
          inArray(groupCampaigns.productId, productIds),
          eq(groupCampaigns.status, 'active'),
          lte(groupCampaigns.startsAt, now),
          gte(groupCampaigns.endsAt, now),
        ),
      ),
    db
      .select()
      .from(flashSales)
      .where(
        and(
          inArray(flashSales.productId, productIds),
          eq(flashSales.status, 'active'),
          lte(flashSales.startsAt, flashLookahead),
          gte(flashSales.endsAt, now),
        ),
      ),
    db
      .select({
        liveRoomId: liveRooms.id,
        title: liveRooms.title,
        productId: liveProducts.productId,
        skuId: liveProducts.skuId,
        livePriceFen: liveProducts.livePriceFen,
      })
      .from(liveProducts)
      .innerJoin(liveRooms, eq(liveRooms.id, liveProducts.liveRoomId))
      .where(
        and(
          inArray(liveProducts.productId, productIds),
          eq(liveRooms.status, 'live'),
          lte(liveRooms.startsAt, now),
          gte(liveRooms.endsAt, now),
          isNotNull(liveProducts.livePriceFen),
        ),
      ),
  ]);
  return { groupBuys, flashSales: flash, livePrices };
}
