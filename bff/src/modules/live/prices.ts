import { eq } from 'drizzle-orm';
import { liveProducts, liveRooms, type DbOrTx } from '@shop/db';
import { errors } from '../../http/errors';

/**
 * Live-only prices of the lines' SKUs (by SKU id), while the room is live, for the products it
 * features; a featured product without a SKU applies to every SKU of it.
 */
export async function livePrices(
  db: DbOrTx,
  lines: { skuId: number; productId: number }[],
  liveRoomId: number,
  now: Date,
): Promise<Map<number, number>> {
  const [room] = await db.select().from(liveRooms).where(eq(liveRooms.id, liveRoomId)).limit(1);
  if (!room || room.status !== 'live' || room.startsAt > now || room.endsAt < now)
    throw errors.rule('LIVE_NOT_ACTIVE', '直播已结束，直播价不可用');
  const featured = await db.select().from(liveProducts).where(eq(liveProducts.liveRoomId, liveRoomId));
  const prices = new Map<number, number>();
  for (const line of lines) {
    const match = featured.find((f) => f.productId === line.productId && (f.skuId === null || f.skuId === line.skuId));
    if (match?.livePriceFen != null) prices.set(line.skuId, match.livePriceFen);
  }
  return prices;
}
