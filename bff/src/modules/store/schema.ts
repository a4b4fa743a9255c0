import { z } from 'zod';

const idList = z
  .string()
  .regex(/^\d+(,\d+)*$/, '格式应为逗号分隔的数字')
  .transform((value) => value.split(',').map(Number))
  .refine((ids) => ids.length <= 50, '一次最多查询 50 个商品');

export const StoreQuerySchema = z
  .object({
    lat: z.coerce.number().min(-90).max(90).optional(),
    lng: z.coerce.number().min(-180).max(180).optional(),
    /** The cart's SKUs … */
    skuIds: idList.optional(),
    /** … and the quantity of each, in the same order (default 1 each). */
    qty: idList.optional(),
  })
  .refine((q) => (q.lat === undefined) === (q.lng === undefined), { message: '经纬度需同时提供', path: ['lat'] })
  .refine((q) => !q.qty || (q.skuIds && q.qty.length === q.skuIds.length), { message: 'qty 与 skuIds 数量不一致', path: ['qty'] });

export const StoreSchema = z
  .object({
    id: z.number().int(),
    name: z.string(),
    city: z.string(),
    district: z.string(),
    address: z.string(),
    phone: z.string(),
    lat: z.number(),
    lng: z.number(),
    distanceMeters: z.number().int().nullable(),
    openNow: z.boolean(),
    todayHours: z.string().nullable(),
    /** Whether the whole cart can be picked up here; null when no SKUs were given. */
    inStock: z.boolean().nullable(),
  })
  .openapi('Store');

export const StoreListSchema = z.object({ items: z.array(StoreSchema) });
