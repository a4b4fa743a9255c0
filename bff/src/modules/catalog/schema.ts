import { z } from 'zod';
import { freeText } from '../../http/text';

const id = z.coerce.number().int().positive();
const fen = z.coerce.number().int().min(0).max(100_000_000);

export const CategoryNodeSchema = z
  .object({
    id: z.number().int(),
    name: z.string(),
    iconUrl: z.string(),
    children: z.array(
      z.object({
        id: z.number().int(),
        name: z.string(),
        iconUrl: z.string(),
        children: z.array(z.unknown()).describe('empty: the tree has two levels'),
      }),
    ),
  })
  .openapi('Category');
export const CategoryTreeSchema = z.object({ items: z.array(CategoryNodeSchema) }).openapi('CategoryTree');

export const ProductQuerySchema = z.object({
  q: z.string().max(200).optional(),
  categoryId: id.optional(),
  brand: z.string().trim().min(1).max(64).optional(),
  minPrice: fen.optional(),
  maxPrice: fen.optional(),
  sort: z.enum(['sales', 'price_asc', 'price_desc', 'new']).default('sales'),
  page: z.coerce.number().int().min(1).max(500).default(1),
  pageSize: z.coerce.number().int().min(1).max(50).default(20),
});
export type ProductQuery = z.infer<typeof ProductQuerySchema>;

export const SearchSuggestQuerySchema = z.object({
  q: z.string().trim().min(1, '请输入搜索内容').max(50, '搜索内容最多 50 个字'),
  limit: z.coerce.number().int().min(1).max(10).default(10),
});

export const SearchSuggestionSchema = z
  .object({
    /** What a tap searches for: a category name, a brand or a product name. */
    text: z.string(),
    kind: z.enum(['category', 'brand', 'product']),
    /** The characters the typed text matched, as UTF-16 offsets into `text` (end exclusive). */
    highlight: z.object({ start: z.number().int(), end: z.number().int() }),
  })
  .openapi('SearchSuggestion');
export type SearchSuggestion = z.infer<typeof SearchSuggestionSchema>;
export const SearchSuggestionsSchema = z.object({ items: z.array(SearchSuggestionSchema) }).openapi('SearchSuggestions');

export const HotSearchesSchema = z
  .object({
    /** Words to search for, best-selling first: sub-category names, then brands. */
    items: z.array(z.string()),
  })
  .openapi('HotSearches');

export const ProductSummarySchema = z
  .object({
    id: z.number().int(),
    title: z.string(),
    subtitle: z.string(),
    brand: z.string(),
    imageUrl: z.string(),
    minPriceFen: z.number().int(),
    listPriceFen: z.number().int().nullable(),
    salesCount: z.number().int(),
    /** Activity badges: 拼团 / 秒杀 / 直播. */
    tags: z.array(z.string()),
  })
  .openapi('ProductSummary');
export type ProductSummary = z.infer<typeof ProductSummarySchema>;

export const ProductPageSchema = z
  .object({
    items: z.array(ProductSummarySchema),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
    brands: z.array(z.string()),
  })
  .openapi('ProductPage');

export const ProductDetailQuerySchema = z.object({ storeId: id.optional() });
export const IdParamsSchema = z.object({ id });

const SkuSchema = z
  .object({
    id: z.number().int(),
    specValues: z.record(z.string(), z.string()),
    specText: z.string(),
    priceFen: z.number().int(),
    listPriceFen: z.number().int().nullable(),
    imageUrl: z.string().nullable(),
    /** Units sellable online: at `storeId` when given, else across all open stores. */
    sellable: z.number().int(),
  })
  .openapi('Sku');

export const ProductDetailSchema = z
  .object({
    id: z.number().int(),
    title: z.string(),
    subtitle: z.string(),
    brand: z.string(),
    description: z.string(),
    images: z.array(z.string()),
    specs: z.array(z.object({ name: z.string(), values: z.array(z.string()) })),
    skus: z.array(SkuSchema),
    minPriceFen: z.number().int(),
    salesCount: z.number().int(),
    category: z.object({ id: z.number().int(), name: z.string(), parentName: z.string().nullable() }).nullable(),
    status: z.enum(['on_sale', 'off_shelf']),
    activities: z.object({
      groupBuys: z.array(
        z.object({
          id: z.number().int(),
          title: z.string(),
          skuId: z.number().int(),
          groupPriceFen: z.number().int(),
          leaderPriceFen: z.number().int().nullable(),
          groupSize: z.number().int(),
          endsAt: z.string(),
        }),
      ),
      flashSale: z
        .object({
          id: z.number().int(),
          skuId: z.number().int(),
          priceFen: z.number().int(),
          startsAt: z.string(),
          endsAt: z.string(),
          remaining: z.number().int(),
          state: z.enum(['upcoming', 'running', 'sold_out']),
        })
        .nullable(),
      live: z
        .object({ liveRoomId: z.number().int(), title: z.string(), skuId: z.number().int().nullable(), livePriceFen: z.number().int() })
        .nullable(),
    }),
  })
  .openapi('ProductDetail');
export type ProductDetail = z.infer<typeof ProductDetailSchema>;

export const ProductPatchSchema = z
  .object({
    title: freeText('商品名称').min(1, '请填写商品名称').max(128, '商品名称最多 128 个字').optional(),
    subtitle: freeText('副标题').max(255, '副标题最多 255 个字').optional(),
    brand: freeText('品牌').min(1, '请填写品牌').max(64, '品牌最多 64 个字').optional(),
    status: z.enum(['on_sale', 'off_shelf']).optional(),
  })
  .strict();

export const SkuPatchSchema = z
  .object({
    priceFen: z.number().int().min(1).max(100_000_000),
    listPriceFen: z.number().int().min(1).max(100_000_000).nullable().optional(),
  })
  .strict();
