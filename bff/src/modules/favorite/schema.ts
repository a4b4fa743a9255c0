import { z } from 'zod';

export const ProductParamsSchema = z.object({ productId: z.coerce.number().int().positive() });

export const FavoriteStateSchema = z
  .object({
    productId: z.number().int(),
    favorited: z.boolean(),
  })
  .openapi('FavoriteState');

export const FavoritesQuerySchema = z.object({
  /** The `nextCursor` of the page before: favorites older than it. */
  cursor: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});

export const FavoriteItemSchema = z
  .object({
    /** The favorite's own id (the cursor is one of these). */
    id: z.number().int(),
    productId: z.number().int(),
    title: z.string(),
    subtitle: z.string(),
    imageUrl: z.string(),
    minPriceFen: z.number().int(),
    listPriceFen: z.number().int().nullable(),
    /** off_shelf: shown greyed as 已下架, it cannot be bought. */
    status: z.enum(['on_sale', 'off_shelf']),
    favoritedAt: z.string(),
  })
  .openapi('FavoriteItem');

export const FavoritePageSchema = z
  .object({
    items: z.array(FavoriteItemSchema),
    /** Pass as `cursor` for the next page; null on the last. */
    nextCursor: z.number().int().nullable(),
  })
  .openapi('FavoritePage');

export type FavoritePage = z.infer<typeof FavoritePageSchema>;
export type FavoriteState = z.infer<typeof FavoriteStateSchema>;
