import { z } from 'zod';
import { freeText } from '../../http/text';

const id = z.coerce.number().int().positive();
/** Bodies are JSON: ids are numbers, not strings that happen to parse. */
const bodyId = z.number().int().positive();
/** One movement moves at most this many units: a typo of 100000 should not reach the ledger. */
const MAX_UNITS = 100_000;
const qty = z.number().int('数量必须是整数').min(1, '数量至少为 1').max(MAX_UNITS, `数量不能超过 ${MAX_UNITS}`);
const note = freeText('备注', { multiline: true }).max(255, '备注最多 255 个字');

export const StockListQuerySchema = z.object({
  /** Defaults to the staff member's store; head office must name one. */
  storeId: id.optional(),
  /** Title contains, or barcode starts with. */
  q: z.string().trim().max(64).optional(),
  lowOnly: z
    .enum(['true', 'false', '1', '0'])
    .optional()
    .transform((value) => value === 'true' || value === '1'),
  page: z.coerce.number().int().min(1).max(1000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});

const StockSchema = z.object({
  skuId: z.number().int(),
  onHand: z.number().int(),
  reserved: z.number().int(),
  safetyStock: z.number().int(),
  /** on hand − reserved − safety stock (≥ 0). */
  sellableOnline: z.number().int(),
  /** on hand − reserved (≥ 0): the till may sell the safety stock. */
  sellableAtTill: z.number().int(),
});

export const StockListItemSchema = StockSchema.extend({
  productId: z.number().int(),
  skuCode: z.string(),
  title: z.string(),
  specText: z.string(),
  barcode: z.string(),
  imageUrl: z.string().nullable(),
  /** Units sold here (handovers + till sales) in the last 7 × 24 h. */
  sales7d: z.number().int(),
  /** sellableOnline < 2 × sales7d. */
  low: z.boolean(),
}).openapi('StockListItem');

export const StockListSchema = z.object({ items: z.array(StockListItemSchema), total: z.number().int() });

/** Writes name the store only for head office; store staff always act on their own store. */
const storeId = bodyId.optional().describe('admin only: the store to change');

export const AdjustStockSchema = z
  .object({
    storeId,
    skuId: bodyId,
    delta: z
      .number()
      .int('数量必须是整数')
      .min(-MAX_UNITS)
      .max(MAX_UNITS)
      .refine((value) => value !== 0, '调整数量不能为 0'),
    note: note.min(1, '请填写调整原因'),
  })
  .strict();

export const ReceiveStockSchema = z.object({ storeId, skuId: bodyId, qty, note: note.optional() }).strict();

export const TransferStockSchema = z
  .object({
    /** admin only: the source store; managers transfer out of their own store. */
    fromStoreId: bodyId.optional(),
    toStoreId: bodyId,
    skuId: bodyId,
    qty,
    note: note.optional(),
  })
  .strict();

export const StockChangeSchema = z.object({
  /** False when this Idempotency-Key had already made the change: nothing changed this time. */
  applied: z.boolean(),
  stock: StockSchema,
});

export const TransferResultSchema = z.object({ applied: z.boolean(), from: StockSchema, to: StockSchema });

/** Idempotency-Key header of staff writes: a client-generated id (a UUID fits). */
export const IdempotencyKeySchema = z.string().regex(/^[A-Za-z0-9_.:-]{8,48}$/);
/** For the OpenAPI document of the staff stock writes. */
export const StockIdempotencyHeaderSchema = z.object({ 'idempotency-key': IdempotencyKeySchema });
