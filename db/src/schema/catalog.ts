import { index, int, json, mysqlEnum, mysqlTable, primaryKey, text, uniqueIndex, varchar } from 'drizzle-orm/mysql-core';
import { createdAt, fen, id, ref, updatedAt } from '../columns';

/** Two-level category tree (男装 › T恤); parentId null marks a top-level category. */
export const categories = mysqlTable(
  'categories',
  {
    id: id(),
    parentId: ref('parent_id'),
    name: varchar('name', { length: 32 }).notNull(),
    iconUrl: varchar('icon_url', { length: 512 }).notNull().default(''),
    sort: int('sort').notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    // GET /api/categories: children of a parent in display order
    index('categories_parent_idx').on(t.parentId, t.sort),
    // seed idempotency: one name per parent
    uniqueIndex('categories_parent_name_uq').on(t.parentId, t.name),
  ],
);

/** Spec dimensions a product offers, e.g. [{name:'颜色', values:['黑','白']}, {name:'尺码', …}]. */
export type SpecDefinition = { name: string; values: string[] }[];

export const products = mysqlTable(
  'products',
  {
    id: id(),
    /** Stable business code (款号) used by the seed and imports. */
    spu: varchar('spu', { length: 32 }).notNull(),
    categoryId: ref('category_id').notNull(),
    brand: varchar('brand', { length: 64 }).notNull(),
    title: varchar('title', { length: 128 }).notNull(),
    subtitle: varchar('subtitle', { length: 255 }).notNull().default(''),
    description: text('description'),
    images: json('images').$type<string[]>().notNull(),
    specs: json('specs').$type<SpecDefinition>().notNull(),
    status: mysqlEnum('status', ['on_sale', 'off_shelf']).notNull().default('on_sale'),
    /** Lowest SKU price, kept in step with SKUs so lists sort and filter by price without a join. */
    minPriceFen: fen('min_price_fen').notNull(),
    salesCount: int('sales_count').notNull().default(0),
    /** Precomputed at write time: title, brand and category in Chinese, full pinyin and initials. */
    searchText: varchar('search_text', { length: 2048 }).notNull().default(''),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('products_spu_uq').on(t.spu),
    // product list filtered by category, sorted by sales / price / newest
    index('products_category_idx').on(t.categoryId, t.status, t.salesCount),
    index('products_status_price_idx').on(t.status, t.minPriceFen),
    index('products_status_created_idx').on(t.status, t.createdAt),
    // brand filter
    index('products_brand_idx').on(t.brand),
  ],
);

/**
 * The search index of products (docs/decisions/0011-search-through-an-n-gram-table.md): one row per
 * character and per pair of neighbouring characters of each term of products.search_text
 * (`searchGrams`), written with search_text in the same transaction. Plain rows under a primary
 * key, so it runs the same on MariaDB, MySQL 8 and TiDB.
 */
export const productSearchGrams = mysqlTable(
  'product_search_grams',
  {
    gram: varchar('gram', { length: 2 }).notNull(),
    productId: ref('product_id').notNull(),
  },
  (t) => [
    // GET /api/products?q=: products having every gram of the query (gram IN (…) GROUP BY product_id)
    primaryKey({ name: 'product_search_grams_pk', columns: [t.gram, t.productId] }),
    // rewriting one product's grams after an edit
    index('product_search_grams_product_idx').on(t.productId),
  ],
);

export const skus = mysqlTable(
  'skus',
  {
    id: id(),
    productId: ref('product_id').notNull(),
    skuCode: varchar('sku_code', { length: 48 }).notNull(),
    /** EAN-13 scanned at the till. */
    barcode: varchar('barcode', { length: 32 }).notNull(),
    /** The chosen value per spec dimension, e.g. {颜色:'黑', 尺码:'M'}. */
    specValues: json('spec_values').$type<Record<string, string>>().notNull(),
    priceFen: fen('price_fen').notNull(),
    /** 划线价 shown struck through; null when there is none. */
    listPriceFen: fen('list_price_fen'),
    imageUrl: varchar('image_url', { length: 512 }),
    status: mysqlEnum('status', ['active', 'disabled']).notNull().default('active'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('skus_code_uq').on(t.skuCode),
    // till scan by barcode
    uniqueIndex('skus_barcode_uq').on(t.barcode),
    // product detail: its SKUs
    index('skus_product_idx').on(t.productId),
  ],
);
