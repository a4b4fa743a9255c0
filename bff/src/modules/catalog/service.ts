import { eq, sql } from 'drizzle-orm';
import { liveStatusAt } from '../../domain/live-status';
import { specText } from '../../domain/spec-text';
import { buildSearchText, categories, products, skus } from '@shop/db';
import type { AppDeps } from '../../deps';
import { searchTerms } from '../../domain/search-query';
import { matchSuggestion, suggestNeedle, type SuggestMatch } from '../../domain/search-suggest';
import { errors } from '../../http/errors';
import {
  brandsFor,
  candidateIds,
  findProduct,
  listCategories,
  listSkus,
  runningActivities,
  salesByCategoryAndBrand,
  searchProducts,
  sellableBySku,
  suggestRowsQuery,
  type ActiveActivities,
  type CategoryRow,
  type ProductRow,
  type SkuRow,
  writeSearchGrams,
} from './queries';
import type { ProductDetail, ProductQuery, ProductSummary, SearchSuggestion } from './schema';

type Deps = Pick<AppDeps, 'db' | 'redis' | 'now' | 'readCache'>;

/**
 * What the catalog caches in-process (bff/src/read-cache.ts): the tree, product pages and product
 * cores until a catalog write invalidates them (or a minute passes); stock and activity badges for
 * SHORT_TTL_MS only — display figures that checkout never trusts.
 */
const CATALOG = 'catalog';
const CATALOG_TTL_MS = 60_000;
const SHORT_TTL_MS = 2_000;
type CategoryNode = { id: number; name: string; iconUrl: string; children: CategoryNode[] };

/** A flash sale shows on its product this long before it starts. */
const FLASH_LOOKAHEAD_MS = 24 * 3600_000;

export async function getCategoryTree(deps: Deps): Promise<CategoryNode[]> {
  return deps.readCache.get(CATALOG, 'categories', CATALOG_TTL_MS, async () => toTree(await listCategories(deps.db)));
}

function toTree(rows: CategoryRow[]): CategoryNode[] {
  const node = (row: CategoryRow): CategoryNode => ({
    id: row.id,
    name: row.name,
    iconUrl: row.iconUrl,
    children: rows.filter((child) => child.parentId === row.id).map(node),
  });
  return rows.filter((row) => row.parentId === null).map(node);
}

/** The category and everything below it, so 女装 also finds 连衣裙. */
function descendantIds(tree: CategoryNode[], id: number): number[] | undefined {
  for (const node of tree) {
    if (node.id === id) return [node.id, ...node.children.flatMap((child) => descendantIds([child], child.id) ?? [])];
    const below = descendantIds(node.children, id);
    if (below) return below;
  }
  return undefined;
}

export async function findProducts(deps: Deps, query: ProductQuery) {
  const tree = await getCategoryTree(deps);
  const categoryIds = query.categoryId !== undefined ? (descendantIds(tree, query.categoryId) ?? [query.categoryId]) : undefined;
  const filter = {
    terms: searchTerms(query.q),
    categoryIds,
    brand: query.brand,
    minPriceFen: query.minPrice,
    maxPriceFen: query.maxPrice,
  };
  const key = `products:${JSON.stringify({ ...filter, sort: query.sort, page: query.page, pageSize: query.pageSize })}`;
  const page = await deps.readCache.get(CATALOG, key, CATALOG_TTL_MS, async () => {
    const offset = (query.page - 1) * query.pageSize;
    const candidates = filter.terms.length ? await candidateIds(deps.db, filter.terms) : undefined;
    if (candidates?.length === 0) return { items: [], total: 0, brands: [] };
    const indexed = { ...filter, candidates };
    const [{ rows, total }, brands] = await Promise.all([
      searchProducts(deps.db, indexed, query.sort, { offset, limit: query.pageSize }),
      brandsFor(deps.db, indexed),
    ]);
    const listPrices = await listPriceOfCheapestSku(deps, rows);
    return { items: rows.map((row) => toSummary(row, listPrices.get(row.id) ?? null)), total, brands };
  });
  // Activity badges depend on the clock, so they are not cached with the page.
  const tags = await activityTags(
    deps,
    page.items.map((item) => item.id),
  );
  return {
    items: page.items.map((item) => ({ ...item, tags: tags.get(item.id) ?? [] })),
    total: page.total,
    page: query.page,
    pageSize: query.pageSize,
    brands: page.brands,
  };
}

/** The most suggestions an answer carries (and the cache keeps per typed text). */
const MAX_SUGGESTIONS = 10;
const KIND_ORDER: Record<SearchSuggestion['kind'], number> = { category: 0, brand: 1, product: 2 };

/**
 * 搜索联想 for what the customer has typed so far (domain/search-suggest.ts says what matches).
 * The gram index gives the products whose search text contains the typed run, the best-selling
 * SUGGEST_CANDIDATES of them are read by primary key, and their names, brands and categories are
 * matched and ranked: whole syllables before an unfinished one ("yu": 羽 before 圆 yuan), a match
 * at the start of a phrase before one inside it, then categories, brands, products, then by sales. A category is offered only when one of those products is filed under it, so a
 * suggestion never leads to an empty result. Cached per typed text with the catalog's pages
 * (dropped by every catalog write).
 */
export async function suggestSearch(deps: Deps, q: string, limit: number): Promise<{ items: SearchSuggestion[] }> {
  const needle = suggestNeedle(q);
  if (!needle) return { items: [] };
  const all = await deps.readCache.get(CATALOG, `suggest:${needle}`, CATALOG_TTL_MS, () => loadSuggestions(deps, needle));
  return { items: all.slice(0, limit) };
}

async function loadSuggestions(deps: Deps, needle: string): Promise<SearchSuggestion[]> {
  const [tree, candidates] = await Promise.all([getCategoryTree(deps), candidateIds(deps.db, [needle])]);
  if (candidates.length === 0) return [];
  const rows = await suggestRowsQuery(deps.db, candidates);
  type Ranked = SearchSuggestion & { atStart: boolean; whole: boolean; weight: number };
  const ranked: Ranked[] = [];
  const add = (text: string, kind: SearchSuggestion['kind'], match: SuggestMatch | null, weight: number) => {
    if (match)
      ranked.push({ text, kind, highlight: { start: match.start, end: match.end }, atStart: match.atStart, whole: match.whole, weight });
  };

  const salesUnder = (ids: number[]) =>
    rows.filter((row) => ids.includes(row.categoryId)).reduce((sum, row) => sum + row.salesCount + 1, 0);
  const visit = (node: CategoryNode) => {
    const weight = salesUnder(descendantIds([node], node.id) ?? [node.id]);
    if (weight > 0) add(node.name, 'category', matchSuggestion(node.name, needle), weight);
    node.children.forEach(visit);
  };
  tree.forEach(visit);

  const brandSales = new Map<string, number>();
  for (const row of rows) brandSales.set(row.brand, (brandSales.get(row.brand) ?? 0) + row.salesCount + 1);
  for (const [brand, weight] of brandSales) add(brand, 'brand', matchSuggestion(brand, needle), weight);
  for (const row of rows) add(row.title, 'product', matchSuggestion(row.title, needle), row.salesCount);

  ranked.sort(
    (a, b) =>
      Number(b.whole) - Number(a.whole) ||
      Number(b.atStart) - Number(a.atStart) ||
      KIND_ORDER[a.kind] - KIND_ORDER[b.kind] ||
      b.weight - a.weight ||
      a.text.localeCompare(b.text, 'zh-CN'),
  );
  const seen = new Set<string>();
  const items: SearchSuggestion[] = [];
  for (const { text, kind, highlight } of ranked) {
    const key = text.normalize('NFKC').toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    items.push({ text, kind, highlight });
    if (items.length === MAX_SUGGESTIONS) break;
  }
  return items;
}

/** How many 热门搜索 words: sub-categories first, brands after them. */
const HOT_CATEGORIES = 6;
const HOT_WORDS = 10;

/**
 * 热门搜索: what sells most, as words a customer can search for — the best-selling sub-categories
 * by units sold of their on-sale products (a name two parents share, T恤, counts once with both
 * sums), then the best-selling brands, at most HOT_WORDS. Cached with the catalog's pages.
 */
export async function hotSearches(deps: Deps): Promise<{ items: string[] }> {
  const items = await deps.readCache.get(CATALOG, 'hot-searches', CATALOG_TTL_MS, async () => {
    const [tree, sales] = await Promise.all([getCategoryTree(deps), salesByCategoryAndBrand(deps.db)]);
    const soldIn = new Map(sales.byCategory.map((row) => [row.categoryId, row.sold]));
    const leaves = new Map<string, number>();
    for (const parent of tree)
      for (const child of parent.children) {
        const sold = soldIn.get(child.id);
        if (sold !== undefined) leaves.set(child.name, (leaves.get(child.name) ?? 0) + sold);
      }
    const ranked = (entries: Iterable<[string, number]>) =>
      [...entries].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0], 'zh-CN')).map(([word]) => word);
    const words = ranked(leaves).slice(0, HOT_CATEGORIES);
    for (const brand of ranked(sales.byBrand.map((row) => [row.brand, row.sold]))) {
      if (words.length >= HOT_WORDS) break;
      if (!words.includes(brand)) words.push(brand);
    }
    return words;
  });
  return { items };
}

function toSummary(row: ProductRow, listPriceFen: number | null): Omit<ProductSummary, 'tags'> {
  return {
    id: row.id,
    title: row.title,
    subtitle: row.subtitle,
    brand: row.brand,
    imageUrl: row.images[0] ?? '',
    minPriceFen: row.minPriceFen,
    listPriceFen,
    salesCount: row.salesCount,
  };
}

async function listPriceOfCheapestSku(deps: Deps, rows: ProductRow[]): Promise<Map<number, number | null>> {
  const all = await listSkus(
    deps.db,
    rows.map((r) => r.id),
  );
  const cheapest = new Map<number, SkuRow>();
  for (const sku of all) {
    const current = cheapest.get(sku.productId);
    if (!current || sku.priceFen < current.priceFen) cheapest.set(sku.productId, sku);
  }
  return new Map([...cheapest].map(([productId, sku]) => [productId, sku.listPriceFen]));
}

/** Activities running or upcoming within the flash look-ahead, shared by every product (SHORT_TTL_MS stale at most). */
function activitySnapshot(deps: Deps): Promise<ActiveActivities> {
  return deps.readCache.get('activity', 'running', SHORT_TTL_MS, () => {
    const now = deps.now();
    return runningActivities(deps.db, now, new Date(now.getTime() + FLASH_LOOKAHEAD_MS));
  });
}

/** The snapshot narrowed to some products and to what runs at `now` (flash sales also within `flashUntil`). */
function activitiesAt(snapshot: ActiveActivities, productIds: Set<number>, now: Date, flashUntil: Date): ActiveActivities {
  const running = (a: { startsAt: Date; endsAt: Date }, until: Date) => a.startsAt <= until && a.endsAt >= now;
  return {
    groupBuys: snapshot.groupBuys.filter((g) => productIds.has(g.productId) && running(g, now)),
    flashSales: snapshot.flashSales.filter((f) => productIds.has(f.productId) && running(f, flashUntil)),
    livePrices: snapshot.livePrices.filter((l) => productIds.has(l.productId) && liveStatusAt(l, now) === 'live'),
  };
}

async function activityTags(deps: Deps, productIds: number[]): Promise<Map<number, string[]>> {
  const now = deps.now();
  const active = activitiesAt(await activitySnapshot(deps), new Set(productIds), now, now);
  const tags = new Map<number, string[]>();
  const add = (productId: number, tag: string) => tags.set(productId, [...new Set([...(tags.get(productId) ?? []), tag])]);
  active.flashSales.forEach((f) => add(f.productId, '秒杀'));
  active.groupBuys.forEach((g) => add(g.productId, '拼团'));
  active.livePrices.forEach((l) => add(l.productId, '直播'));
  return tags;
}

type ProductCore = Omit<ProductDetail, 'activities' | 'skus'> & { skus: Omit<ProductDetail['skus'][number], 'sellable'>[] };

export async function getProductDetail(deps: Deps, id: number, storeId?: number): Promise<ProductDetail> {
  const core = await deps.readCache.get(CATALOG, `product:${id}`, CATALOG_TTL_MS, () => loadProductCore(deps, id));
  if (!core) throw errors.notFound('PRODUCT_NOT_FOUND', '商品不存在或已下架');
  const [sellable, snapshot] = await Promise.all([
    // Display only: checkout reserves against MariaDB, never against this figure.
    deps.readCache.get('stock', `${id}:${storeId ?? 'all'}`, SHORT_TTL_MS, async () => [
      ...(await sellableBySku(
        deps.db,
        core.skus.map((s) => s.id),
        storeId,
      )),
    ]),
    activitySnapshot(deps),
  ]);
  const units = new Map(sellable);
  const now = deps.now();
  return {
    ...core,
    skus: core.skus.map((sku) => ({ ...sku, sellable: units.get(sku.id) ?? 0 })),
    activities: toActivities(activitiesAt(snapshot, new Set([id]), now, new Date(now.getTime() + FLASH_LOOKAHEAD_MS)), now),
  };
}

async function loadProductCore(deps: Deps, id: number): Promise<ProductCore | null> {
  const product = await findProduct(deps.db, id);
  if (!product) return null;
  const [skuRows, categoryRows] = await Promise.all([listSkus(deps.db, [id]), listCategories(deps.db)]);
  const category = categoryRows.find((c) => c.id === product.categoryId);
  const parent = category?.parentId ? categoryRows.find((c) => c.id === category.parentId) : undefined;
  return {
    id: product.id,
    title: product.title,
    subtitle: product.subtitle,
    brand: product.brand,
    description: product.description ?? '',
    images: product.images,
    specs: product.specs,
    minPriceFen: product.minPriceFen,
    salesCount: product.salesCount,
    status: product.status,
    category: category ? { id: category.id, name: category.name, parentName: parent?.name ?? null } : null,
    skus: skuRows.map((sku) => ({
      id: sku.id,
      specValues: sku.specValues,
      specText: specText(product.specs, sku.specValues),
      priceFen: sku.priceFen,
      listPriceFen: sku.listPriceFen,
      imageUrl: sku.imageUrl,
    })),
  };
}

function toActivities(active: ActiveActivities, now: Date): ProductDetail['activities'] {
  const flash = active.flashSales.sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime())[0];
  const live = active.livePrices[0];
  return {
    groupBuys: active.groupBuys.map((g) => ({
      id: g.id,
      title: g.title,
      skuId: g.skuId,
      groupPriceFen: g.groupPriceFen,
      leaderPriceFen: g.leaderPriceFen,
      groupSize: g.groupSize,
      endsAt: g.endsAt.toISOString(),
    })),
    flashSale: flash
      ? {
          id: flash.id,
          skuId: flash.skuId,
          priceFen: flash.priceFen,
          startsAt: flash.startsAt.toISOString(),
          endsAt: flash.endsAt.toISOString(),
          remaining: Math.max(0, flash.allocatedStock - flash.soldCount),
          state: flash.startsAt > now ? 'upcoming' : flash.soldCount >= flash.allocatedStock ? 'sold_out' : 'running',
        }
      : null,
    live:
      live && live.livePriceFen !== null
        ? { liveRoomId: live.liveRoomId, title: live.title, skuId: live.skuId, livePriceFen: live.livePriceFen }
        : null,
  };
}

/** Head-office edit of a product; search text is recomputed and the catalog cache moves on. */
export async function updateProduct(
  deps: Deps,
  id: number,
  patch: { title?: string; subtitle?: string; brand?: string; status?: 'on_sale' | 'off_shelf' },
) {
  await deps.db.transaction(async (tx) => {
    const [product] = await tx.select().from(products).where(eq(products.id, id)).for('update');
    if (!product) throw errors.notFound('PRODUCT_NOT_FOUND', '商品不存在');
    const next = { ...product, ...patch };
    const [category] = await tx.select().from(categories).where(eq(categories.id, product.categoryId));
    const [parent] = category?.parentId ? await tx.select().from(categories).where(eq(categories.id, category.parentId)) : [];
    const searchText = buildSearchText([next.title, next.brand, category?.name ?? '', parent?.name ?? '', next.subtitle]);
    await tx
      .update(products)
      .set({ ...patch, searchText })
      .where(eq(products.id, id));
    await writeSearchGrams(tx, id, searchText);
  });
  await deps.readCache.invalidate(CATALOG);
}

/** Head-office price change; the product's lowest price follows in the same transaction. */
export async function updateSkuPrice(deps: Deps, skuId: number, patch: { priceFen: number; listPriceFen?: number | null }) {
  await deps.db.transaction(async (tx) => {
    const [sku] = await tx.select().from(skus).where(eq(skus.id, skuId)).for('update');
    if (!sku) throw errors.notFound('SKU_NOT_FOUND', '商品规格不存在');
    await tx.update(skus).set(patch).where(eq(skus.id, skuId));
    await tx
      .update(products)
      .set({
        minPriceFen: sql`(SELECT MIN(${skus.priceFen}) FROM ${skus} WHERE ${skus.productId} = ${sku.productId} AND ${skus.status} = 'active')`,
      })
      .where(eq(products.id, sku.productId));
  });
  await deps.readCache.invalidate(CATALOG);
}
