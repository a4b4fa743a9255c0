import { eq } from 'drizzle-orm';
import { liveProducts, liveRooms, type DbOrTx } from '@shop/db';
import { liveStatusAt } from '../../domain/live-status';
import { errors } from '../../http/errors';

/**
 * Live-only prices of the lines' SKUs (by SKU id), while the room is live, for the products it
 * features; a featured product without a SKU applies to every SKU of it (docs/domain.md#live-links).
 *
 * An order bought "in a live room" is attributed to the room (channel `live`, GMV per room), so
 * every line must be featured there: a line the room does not feature is 422
 * LIVE_PRODUCT_NOT_FEATURED rather than a normal-price line counted as the room's. A room that
 * is not live now (domain/live-status.ts: before its start, after its end, or overridden by head
 * office) is 422 LIVE_NOT_ACTIVE: the live price is never charged outside the broadcast, and the
 * order is refused rather than silently repriced (the buyer saw the live price).
 */
export async function livePrices(
  db: DbOrTx,
  lines: { skuId: number; productId: number }[],
  liveRoomId: number,
  now: Date,
): Promise<Map<number, number>> {
  const [room] = await db.select().from(liveRooms).where(eq(liveRooms.id, liveRoomId)).limit(1);
  const status = room ? liveStatusAt(room, now) : 'ended';
  if (status !== 'live') {
    throw errors.rule('LIVE_NOT_ACTIVE', status === 'scheduled' ? '直播尚未开始，直播价不可用' : '直播已结束，直播价不可用');
  }
  const featured = await db.select().from(liveProducts).where(eq(liveProducts.liveRoomId, liveRoomId));
  const prices = new Map<number, number>();
  for (const line of lines) {
    const match = featured.find((f) => f.productId === line.productId && (f.skuId === null || f.skuId === line.skuId));
    if (!match) throw errors.rule('LIVE_PRODUCT_NOT_FEATURED', '该商品不在本场直播中，请在直播间内下单或去掉直播活动');
    if (match.livePriceFen != null) prices.set(line.skuId, match.livePriceFen);
  }
  return prices;
}
