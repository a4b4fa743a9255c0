import { z } from 'zod';

export const MAX_LINE_QTY = 99;
export const MAX_LINES = 100;

export const CartQuerySchema = z.object({ storeId: z.coerce.number().int().positive().optional() });
export const SkuParamsSchema = z.object({ skuId: z.coerce.number().int().positive() });

export const AddItemSchema = z.object({
  skuId: z.number().int().positive(),
  qty: z.number().int().min(1, '数量至少为 1').max(MAX_LINE_QTY, `单件商品最多购买 ${MAX_LINE_QTY} 件`).default(1),
});

export const UpdateItemSchema = z
  .object({
    qty: z.number().int().min(1, '数量至少为 1').max(MAX_LINE_QTY, `单件商品最多购买 ${MAX_LINE_QTY} 件`).optional(),
    selected: z.boolean().optional(),
  })
  .refine((patch) => patch.qty !== undefined || patch.selected !== undefined, '请提供要修改的数量或勾选状态');

export const RemoveItemsSchema = z.object({
  skuIds: z.array(z.number().int().positive()).min(1, '请选择要删除的商品').max(MAX_LINES, `一次最多删除 ${MAX_LINES} 种商品`),
});

export const CartLineSchema = z
  .object({
    skuId: z.number().int(),
    productId: z.number().int(),
    title: z.string(),
    specText: z.string(),
    imageUrl: z.string(),
    priceFen: z.number().int(),
    listPriceFen: z.number().int().nullable(),
    qty: z.number().int(),
    selected: z.boolean(),
    /** Online sellable units at the chosen store (or across stores without one). */
    sellable: z.number().int(),
    state: z.enum(['ok', 'insufficient', 'out_of_stock', 'off_shelf']),
    /**
     * 失效: the line cannot be bought anywhere — taken off sale, or no open store has any to sell
     * (out of stock only at the chosen store is not 失效: another store may have it).
     */
    invalid: z.boolean(),
  })
  .openapi('CartLine');

export const PromotionHintSchema = z
  // Unnamed: it is only ever nullable, and a named schema must not come out nullable (gen:api).
  .object({
    promotionId: z.number().int(),
    text: z.string(),
    missingFen: z.number().int(),
    offFen: z.number().int(),
    reached: z.boolean(),
  });

export const CartSchema = z
  .object({
    items: z.array(CartLineSchema),
    selectedQty: z.number().int(),
    /** SKU price × qty of the selected, buyable lines; the checkout quote applies discounts. */
    selectedAmountFen: z.number().int(),
    /** The 满减 nudge for the selected lines: "再买¥12.00可减¥20" or "已满199减20". */
    promotionHint: PromotionHintSchema.nullable(),
  })
  .openapi('Cart');

/** GET /api/cart/nudge?skuId=: the product page's 满减 tags and the nudge with this SKU added to my selection. */
export const NudgeQuerySchema = z.object({ skuId: z.coerce.number().int().positive() });
export const NudgeSchema = z.object({
  promotions: z.array(z.object({ id: z.number().int(), name: z.string(), label: z.string() })),
  hint: PromotionHintSchema.nullable(),
});
export type Cart = z.infer<typeof CartSchema>;
