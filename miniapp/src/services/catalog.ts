import { request, type RequestFlags } from './http'

/** A node of the two-level category tree (男装 › T恤); children is empty for leaves. */
export interface Category {
  id: number
  name: string
  /** Empty string when the category has no icon. */
  iconUrl: string
  children: Category[]
}

/** A product as it appears in lists. */
export interface ProductSummary {
  id: number
  title: string
  subtitle: string
  imageUrl: string
  /** Lowest SKU price. */
  minPriceFen: number
  /** 划线价 of that SKU; null when there is none. */
  listPriceFen: number | null
  salesCount: number
}

export type ProductSort = 'sales' | 'price_asc' | 'price_desc' | 'new'

export interface ProductQuery {
  q?: string
  categoryId?: number
  brand?: string
  minPrice?: number
  maxPrice?: number
  sort?: ProductSort
  page?: number
  pageSize?: number
}

export interface Page<T> {
  items: T[]
  total: number
}

/** GET /api/categories — the whole tree, parents in display order. */
export async function getCategories(flags: RequestFlags = {}): Promise<Category[]> {
  const { items } = await request<{ items: Category[] }>('/api/categories', flags)
  return items
}

/** GET /api/products */
export function getProducts(query: ProductQuery, flags: RequestFlags = {}): Promise<Page<ProductSummary>> {
  return request<Page<ProductSummary>>('/api/products', { data: query, ...flags })
}
