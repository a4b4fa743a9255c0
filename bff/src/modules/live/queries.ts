import { asc, eq, gt, inArray, or } from 'drizzle-orm';
import { liveCouponDrops, liveProducts, liveRooms, products, skus, type DbOrTx, type LiveStatus } from '@shop/db';

export type LiveRoomRow = typeof liveRooms.$inferSelect;
export type LiveDropRow = typeof liveCouponDrops.$inferSelect;

export async function findRoom(db: DbOrTx, id: number, options: { forUpdate?: boolean } = {}): Promise<LiveRoomRow | undefined> {
  const query = db.select().from(liveRooms).where(eq(liveRooms.id, id));
  const [row] = await (options.forUpdate ? query.for('update') : query).limit(1);
  return row;
}

export async function setStatusOverride(db: DbOrTx, id: number, override: LiveStatus | null, at: Date): Promise<void> {
  await db
    .update(liveRooms)
    .set({ statusOverride: override, statusOverriddenAt: override ? at : null })
    .where(eq(liveRooms.id, id));
}

/** Rooms that may be live or upcoming at `now`: not past their end, or forced live. */
export function roomsNotOver(db: DbOrTx, now: Date): Promise<LiveRoomRow[]> {
  return db
    .select()
    .from(liveRooms)
    .where(or(gt(liveRooms.endsAt, now), eq(liveRooms.statusOverride, 'live')))
    .orderBy(asc(liveRooms.startsAt), asc(liveRooms.id));
}

/** Featured products with what a card shows: title, first image, the SKU's (or product's lowest) price. */
export async function featuredProducts(db: DbOrTx, liveRoomId: number) {
  const rows = await db
    .select({
      productId: liveProducts.productId,
      skuId: liveProducts.skuId,
      livePriceFen: liveProducts.livePriceFen,
      title: products.title,
      images: products.images,
      minPriceFen: products.minPriceFen,
      status: products.status,
    })
    .from(liveProducts)
    .innerJoin(products, eq(products.id, liveProducts.productId))
    .where(eq(liveProducts.liveRoomId, liveRoomId))
    .orderBy(asc(liveProducts.sort), asc(liveProducts.id));
  const skuIds = rows.flatMap((r) => (r.skuId === null ? [] : [r.skuId]));
  const skuPrices = new Map(
    skuIds.length === 0
      ? []
      : (await db.select({ id: skus.id, priceFen: skus.priceFen }).from(skus).where(inArray(skus.id, skuIds))).map((s) => [
          s.id,
          s.priceFen,
        ]),
  );
  return rows
    .filter((r) => r.status === 'on_sale')
    .map((r) => ({
      productId: r.productId,
      skuId: r.skuId,
      title: r.title,
      imageUrl: r.images[0] ?? '',
      priceFen: (r.skuId === null ? undefined : skuPrices.get(r.skuId)) ?? r.minPriceFen,
      livePriceFen: r.livePriceFen,
    }));
}

export function dropsOf(db: DbOrTx, liveRoomId: number): Promise<LiveDropRow[]> {
  return db
    .select()
    .from(liveCouponDrops)
    .where(eq(liveCouponDrops.liveRoomId, liveRoomId))
    .orderBy(asc(liveCouponDrops.dropAt), asc(liveCouponDrops.id));
}

export async function findDrop(db: DbOrTx, liveRoomId: number, dropId: number): Promise<LiveDropRow | undefined> {
  const [row] = await db.select().from(liveCouponDrops).where(eq(liveCouponDrops.id, dropId)).limit(1);
  return row && row.liveRoomId === liveRoomId ? row : undefined;
}
