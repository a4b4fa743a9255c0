import { request, type RequestFlags } from './http';

/** A node of the two-level category tree (女装 › 连衣裙); children is empty for leaves. */
export interface Category {
  id: number;
  name: string;
  /** Relative to the BFF (`/media/c/…`) or absolute; empty when the category has no icon. */
  iconUrl: string;
  children: Category[];
}

/** Activity badges a product list shows on a tile. */
export type ProductTag = '拼团' | '秒杀' | '直播' | (string & {});

/** A product as it appears in lists. */
export interface ProductSummary {
  id: number;
  title: string;
  subtitle: string;
  brand: string;
  imageUrl: string;
  /** Lowest SKU price. */
  minPriceFen: number;
  /** 划线价 of that SKU; null when there is none. */
  listPriceFen: number | null;
  salesCount: number;
  tags: ProductTag[];
}

export type ProductSort = 'sales' | 'price_asc' | 'price_desc' | 'new';

export interface ProductQuery {
  /** Chinese, full pinyin or initials ("lyq" finds 连衣裙). */
  q?: string;
  /** A parent category also finds its children's products. */
  categoryId?: number;
  brand?: string;
  /** Fen, on the lowest SKU price. */
  minPrice?: number;
  maxPrice?: number;
  /** The BFF sorts by sales when unset (综合). */
  sort?: ProductSort;
  page?: number;
  /** At most 50. */
  pageSize?: number;
}

export interface ProductPage {
  items: ProductSummary[];
  total: number;
  page: number;
  pageSize: number;
  /** Brands among all matches, ignoring the brand filter (for the filter sheet). */
  brands: string[];
}

export interface Sku {
  id: number;
  /** { 颜色: '黑', 尺码: 'M' } */
  specValues: Record<string, string>;
  /** "黑 / M" */
  specText: string;
  priceFen: number;
  listPriceFen: number | null;
  /** The SKU's own picture, when it has one. */
  imageUrl: string | null;
  /** Units sellable online: at the `storeId` asked for, else across all stores. */
  sellable: number;
}

export interface GroupBuyActivity {
  id: number;
  title: string;
  skuId: number;
  groupPriceFen: number;
  /** 团长价 for whoever opens the group; null when the campaign has none. */
  leaderPriceFen: number | null;
  groupSize: number;
  endsAt: string;
}

export type FlashSaleState = 'upcoming' | 'running' | 'sold_out';

export interface FlashSaleActivity {
  id: number;
  skuId: number;
  priceFen: number;
  startsAt: string;
  endsAt: string;
  remaining: number;
  state: FlashSaleState;
}

export interface LiveActivity {
  liveRoomId: number;
  title: string;
  /** The featured SKU; null when the whole product is featured. */
  skuId: number | null;
  livePriceFen: number;
}

export interface ProductDetail {
  id: number;
  title: string;
  subtitle: string;
  brand: string;
  description: string;
  images: string[];
  specs: { name: string; values: string[] }[];
  skus: Sku[];
  minPriceFen: number;
  salesCount: number;
  status: 'on_sale' | 'off_shelf';
  category: { id: number; name: string; parentName: string | null } | null;
  activities: {
    groupBuys: GroupBuyActivity[];
    flashSale: FlashSaleActivity | null;
    live: LiveActivity | null;
  };
}

/** GET /api/categories — the whole tree, parents in display order. */
export async function getCategories(flags: RequestFlags = {}): Promise<Category[]> {
  const { items } = await request<{ items: Category[] }>('/api/categories', flags);
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
