import { and, asc, desc, eq, gte, inArray, isNotNull, isNull, lte, or, sql, type SQL } from 'drizzle-orm';
import {
  categories,
  flashSales,
  groupCampaigns,
  inventory,
  liveProducts,
  liveRooms,
  products,
  productSearchGrams,
  queryGrams,
  searchGrams,
  skus,
  stores,
  type DbOrTx,
  type LiveStatus,
} from '@shop/db';
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
  /** Products that have every gram of the terms (candidateIds); required when there are terms. */
  candidates?: number[];
  categoryIds?: number[];
  brand?: string;
  minPriceFen?: number;
  maxPriceFen?: number;
};
export type ProductSort = 'sales' | 'price_asc' | 'price_desc' | 'new';

function whereOf(filter: ProductFilter, withBrand = true): SQL | undefined {
  return and(
    eq(products.status, 'on_sale'),
    // The gram index found the candidates; LIKE only confirms each term is one contiguous run in them.
    filter.terms.length ? inArray(products.id, filter.candidates ?? []) : undefined,
    ...filter.terms.map((term) => sql`${products.searchText} LIKE ${containsPattern(term)}`),
    filter.categoryIds ? inArray(products.categoryId, filter.categoryIds) : undefined,
    withBrand && filter.brand ? eq(products.brand, filter.brand) : undefined,
    filter.minPriceFen !== undefined ? gte(products.minPriceFen, filter.minPriceFen) : undefined,
    filter.maxPriceFen !== undefined ? lte(products.minPriceFen, filter.maxPriceFen) : undefined,
  );
}

/**
 * Products that could contain every term: those having all the terms' grams in
 * product_search_grams (a range read of its primary key per gram; see docs/decisions/0011). The
 * answer is a superset of the matches (grams present but apart), which LIKE then narrows.
 */
export async function candidateIds(db: DbOrTx, terms: string[]): Promise<number[]> {
  const grams = queryGrams(terms);
  if (grams.length === 0) return [];
  const rows = await candidateQuery(db, grams);
  return rows.map((r) => r.productId);
}

/** The index read behind candidateIds (exported for the query-plan test). */
export function candidateQuery(db: DbOrTx, grams: string[]) {
  return db
    .select({ productId: productSearchGrams.productId })
    .from(productSearchGrams)
    .where(inArray(productSearchGrams.gram, grams))
    .groupBy(productSearchGrams.productId)
    .having(sql`COUNT(*) = ${grams.length}`);
}

/** At most this many candidates (best sellers first) are read to pick suggestions from. */
export const SUGGEST_CANDIDATES = 200;

/**
 * The names a suggestion can come from, for candidates of the gram index: on-sale products by
 * primary key, best sellers first (exported for the query-plan test).
 */
export function suggestRowsQuery(db: DbOrTx, candidates: number[]) {
  return (
    db
      .select({
        id: products.id,
        title: products.title,
        brand: products.brand,
        categoryId: products.categoryId,
        salesCount: products.salesCount,
      })
      // By primary key, whatever the share of the catalogue the candidates are: on a small catalogue
      // a one-letter needle's candidates are most rows and the optimizer would rather scan them all,
      // which is the read that grows with the catalogue (docs/decisions/0011).
      .from(products, { forceIndex: 'PRIMARY' })
      .where(and(inArray(products.id, candidates), eq(products.status, 'on_sale')))
      .orderBy(desc(products.salesCount), desc(products.id))
      .limit(SUGGEST_CANDIDATES)
  );
}
export type SuggestRow = Awaited<ReturnType<typeof suggestRowsQuery>>[number];

/**
 * Units sold of the on-sale products per category and per brand (热门搜索). Reads the
 * (category_id, status, sales_count) index, which covers the per-category sum.
 */
export async function salesByCategoryAndBrand(db: DbOrTx) {
  const sold = sql<string>`SUM(${products.salesCount})`;
  const [byCategory, byBrand] = await Promise.all([
    db.select({ categoryId: products.categoryId, sold }).from(products).where(eq(products.status, 'on_sale')).groupBy(products.categoryId),
    db.select({ brand: products.brand, sold }).from(products).where(eq(products.status, 'on_sale')).groupBy(products.brand),
  ]);
  return {
    byCategory: byCategory.map((row) => ({ categoryId: row.categoryId, sold: Number(row.sold) })),
    byBrand: byBrand.map((row) => ({ brand: row.brand, sold: Number(row.sold) })),
  };
}

/** The page query of searchProducts (exported for the query-plan test). */
export function productPageQuery(db: DbOrTx, filter: ProductFilter, sort: ProductSort, page: { offset: number; limit: number }) {
  return db
    .select()
    .from(products)
    .where(whereOf(filter))
    .orderBy(...ORDER[sort])
    .limit(page.limit)
    .offset(page.offset);
}

/** Rewrites one product's grams from its search_text, inside the transaction that changed it. */
export async function writeSearchGrams(tx: DbOrTx, productId: number, searchText: string): Promise<void> {
  await tx.delete(productSearchGrams).where(eq(productSearchGrams.productId, productId));
  const grams = searchGrams(searchText);
  if (grams.length)
    await tx
      .insert(productSearchGrams)
      .ignore()
      .values(grams.map((gram) => ({ gram, productId })));
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
    productPageQuery(db, filter, sort, page),
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
  livePrices: {
    liveRoomId: number;
    title: string;
    productId: number;
    skuId: number | null;
    livePriceFen: number | null;
    startsAt: Date;
    endsAt: Date;
    statusOverride: LiveStatus | null;
  }[];
};

/**
 * Every activity a product page or list badge may show: group buys and flash sales that have not
 * ended and start before `until` (flash sales show while upcoming, for the countdown), and live
 * prices of rooms that are live. Callers filter by product and by the clock; the set is small
 * (a retailer runs tens of activities, not thousands), so one snapshot serves every product.
 */
export async function runningActivities(db: DbOrTx, now: Date, until: Date): Promise<ActiveActivities> {
  const [groupBuys, flash, livePrices] = await Promise.all([
    db
      .select()
      .from(groupCampaigns)
      .where(and(eq(groupCampaigns.status, 'active'), lte(groupCampaigns.startsAt, until), gte(groupCampaigns.endsAt, now))),
    db
      .select()
      .from(flashSales)
      .where(and(eq(flashSales.status, 'active'), lte(flashSales.startsAt, until), gte(flashSales.endsAt, now))),
    db
      .select({
        liveRoomId: liveRooms.id,
        title: liveRooms.title,
        productId: liveProducts.productId,
        skuId: liveProducts.skuId,
        livePriceFen: liveProducts.livePriceFen,
        startsAt: liveRooms.startsAt,
        endsAt: liveRooms.endsAt,
        statusOverride: liveRooms.statusOverride,
      })
      .from(liveProducts)
      .innerJoin(liveRooms, eq(liveRooms.id, liveProducts.liveRoomId))
      .where(
        and(
          isNotNull(liveProducts.livePriceFen),
          // Live on schedule within the look-ahead, or forced live by head office (domain/live-status.ts decides per request).
          or(
            and(isNull(liveRooms.statusOverride), lte(liveRooms.startsAt, until), gte(liveRooms.endsAt, now)),
            eq(liveRooms.statusOverride, 'live'),
          ),
        ),
      ),
  ]);
  return { groupBuys, flashSales: flash, livePrices };
}
