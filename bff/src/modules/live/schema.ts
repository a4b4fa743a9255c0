import { z } from 'zod';
import { CouponFaceSchema } from '../coupon';

export const LiveStatusSchema = z.enum(['scheduled', 'live', 'ended']);

export const LiveRoomSchema = z
  .object({
    id: z.number().int(),
    title: z.string(),
    coverUrl: z.string(),
    hostName: z.string(),
    /** Computed at the request's clock (docs/domain.md#live-links). */
    status: LiveStatusSchema,
    /** 预告 / 直播中 / 已结束 */
    statusText: z.string(),
    startsAt: z.string(),
    endsAt: z.string(),
  })
  .openapi('LiveRoom');

export const LiveProductSchema = z
  .object({
    productId: z.number().int(),
    /** The SKU the live price is for; null when the whole product is featured. */
    skuId: z.number().int().nullable(),
    title: z.string(),
    imageUrl: z.string(),
    /** The normal price (fen): of the SKU, or the product's lowest. */
    priceFen: z.number().int(),
    /** 直播价 (fen): while live it is charged; for 预告 it is shown, never charged; null once ended or when none is set. */
    livePriceFen: z.number().int().nullable(),
  })
  .openapi('LiveProduct');

export const LiveDropStateSchema = z.enum(['upcoming', 'claimable', 'claimed', 'sold_out', 'ended']);

export const LiveDropSchema = z
  .object({
    id: z.number().int(),
    templateId: z.number().int(),
    name: z.string(),
    face: CouponFaceSchema,
    validityText: z.string(),
    dropAt: z.string(),
    remaining: z.number().int(),
    /** For the signed-in member (claimed) or anyone: upcoming until the broadcast is live and drop_at passed. */
    state: LiveDropStateSchema,
  })
  .openapi('LiveDrop');

export const LiveRoomDetailSchema = LiveRoomSchema.extend({
  description: z.string(),
  /** Where the mini-program opens the broadcast: a Channels live (视频号) or a legacy live room. */
  target: z.object({
    finderUserName: z.string().nullable(),
    feedId: z.string().nullable(),
    legacyRoomId: z.number().int().nullable(),
  }),
  products: z.array(LiveProductSchema),
  drops: z.array(LiveDropSchema),
}).openapi('LiveRoomDetail');

export const LiveStatusOverrideBodySchema = z
  .object({
    /** null: follow the schedule again. */
    override: z.enum(['scheduled', 'live', 'ended'], { error: '状态只能是 预告、直播中 或 已结束' }).nullable(),
  })
  .openapi('LiveStatusOverrideBody');

export const AdminLiveRoomSchema = LiveRoomSchema.extend({ statusOverride: LiveStatusSchema.nullable() }).openapi('AdminLiveRoom');

export const LiveIdParams = z.object({ id: z.coerce.number().int().positive() });
export const LiveDropParams = z.object({ id: z.coerce.number().int().positive(), dropId: z.coerce.number().int().positive() });
