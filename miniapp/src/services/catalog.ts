import type { QueryOf, ResponseOf, Schema } from './api';
import { request, type RequestFlags } from './http';

/**
 * A parent of the two-level category tree (女装 › 连衣裙). `iconUrl` is relative to the BFF
 * (`/media/c/…`) or absolute, empty when the category has no icon.
 */
export type Category = Schema<'Category'>;
/** A leaf of the tree (its own `children` is empty). */
export type SubCategory = Category['children'][number];

/** A product as it appears in lists (`minPriceFen`: lowest SKU price; `listPriceFen`: 划线价 of that SKU). */
export type ProductSummary = Schema<'ProductSummary'>;
/** Activity badges a product list shows on a tile (拼团 / 秒杀 / 直播). */
export type ProductTag = ProductSummary['tags'][number];

/**
 * `q` matches Chinese, full pinyin or initials ("lyq" finds 连衣裙); a parent `categoryId` also
 * finds its children's products; prices are fen on the lowest SKU price; at most 50 a page.
 */
export type ProductQuery = QueryOf<'/api/products', 'get'>;
/** The BFF sorts by sales when unset (综合). */
export type ProductSort = NonNullable<ProductQuery['sort']>;

/** `brands`: brands among all matches, ignoring the brand filter (for the filter sheet). */
export type ProductPage = Schema<'ProductPage'>;

/** `specValues` { 颜色: '黑', 尺码: 'M' }, `specText` "黑 / M"; `sellable` online, at the store asked for or across all stores. */
export type Sku = Schema<'Sku'>;

export type ProductDetail = Schema<'ProductDetail'>;
/** A running 拼团 of the product (`leaderPriceFen`: 团长价, null when the campaign has none). */
export type GroupBuyActivity = ProductDetail['activities']['groupBuys'][number];
export type FlashSaleActivity = NonNullable<ProductDetail['activities']['flashSale']>;
export type FlashSaleState = FlashSaleActivity['state'];
/** `skuId`: the featured SKU; null when the whole product is featured. */
export type LiveActivity = NonNullable<ProductDetail['activities']['live']>;

/**
 * 搜索联想: `text` is what a tap searches for (a category, a brand or a product name);
 * `highlight` the characters the typed text matched (UTF-16 offsets, end exclusive).
 */
export type SearchSuggestion = Schema<'SearchSuggestion'>;

/** GET /api/search/suggest — at most `limit` (≤ 10) suggestions for what has been typed so far. */
export async function getSearchSuggestions(q: string, flags: RequestFlags = {}): Promise<SearchSuggestion[]> {
  const { items } = await request<ResponseOf<'/api/search/suggest', 'get'>>('/api/search/suggest', { data: { q }, ...flags });
  return items;
}

/** GET /api/search/hot — 热门搜索: the best-selling sub-categories, then brands (at most 10). */
export async function getHotSearches(flags: RequestFlags = {}): Promise<string[]> {
  const { items } = await request<ResponseOf<'/api/search/hot', 'get'>>('/api/search/hot', flags);
  return items;
}

/** GET /api/categories — the whole tree, parents in display order. */
export async function getCategories(flags: RequestFlags = {}): Promise<Category[]> {
  const { items } = await request<ResponseOf<'/api/categories', 'get'>>('/api/categories', flags);
  return items;
}

/** GET /api/products — search, filter, sort and page through the catalogue. */
export function getProducts(query: ProductQuery, flags: RequestFlags = {}): Promise<ProductPage> {
  return request<ProductPage>('/api/products', { data: query, ...flags });
}

/**
 * GET /api/products/:id — with `storeId`, each SKU's `sellable` is the stock at that store.
 * Rejects with PRODUCT_NOT_FOUND (404) for an unknown id.
 */
export function getProduct(id: number, storeId?: number | null, flags: RequestFlags = {}): Promise<ProductDetail> {
  return request<ProductDetail>(`/api/products/${id}`, { data: { storeId: storeId ?? undefined }, ...flags });
}
