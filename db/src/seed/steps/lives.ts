import { inArray } from 'drizzle-orm';
import type { Tx } from '../../index';
import { liveCouponDrops, liveProducts, liveRooms } from '../../schema';
import { liveRoomSeeds } from '../data/lives';
import { ensureRows, idOf, insertMissing, insertRows, type TableCount } from '../helpers';
import { skuCodeOf } from '../plan';

type Ids = {
  storeIds: Map<string, number>;
  productIds: Map<string, number>;
  skuIds: Map<string, number>;
  templateIds: Map<string, number>;
};

/**
 * Live rooms by code, their featured products by (room, product, sku) and their coupon drops.
 *
 * live_products' unique index includes the nullable sku_id, and NULLs never collide, so a
 * product featured without a SKU is only protected by the key compared here. Coupon drops have
 * no natural key at all (the same coupon may drop twice), so they are written only with a room
 * this run creates.
 */
export async function seedLives(
  tx: Tx,
  ids: Ids,
  at: (offset: number) => Date,
): Promise<{ live_rooms: TableCount; live_products: TableCount; live_coupon_drops: TableCount }> {
  const codes = liveRoomSeeds.map((r) => r.code);
  const rooms = await ensureRows(
    tx,
    liveRooms,
    liveRoomSeeds.map((r) => ({
      code: r.code,
      title: r.title,
      coverUrl: r.coverUrl,
      hostName: r.hostName,
      description: r.description,
      startsAt: at(r.window.from),
      endsAt: at(r.window.to),
      finderUserName: r.finderUserName,
      feedId: r.feedId ?? null,
      storeId: idOf(ids.storeIds, r.storeCode, 'store'),
    })),
    (row) => row.code,
    async () =>
      (await tx.select({ id: liveRooms.id, code: liveRooms.code }).from(liveRooms).where(inArray(liveRooms.code, codes))).map((r) => ({
        id: r.id,
        key: r.code,
      })),
  );
  const roomIds = [...rooms.ids.values()];

  const productRows = liveRoomSeeds.flatMap((room) =>
    room.products.map((featured, i) => {
      const spu = 'sku' in featured ? featured.sku.spu : featured.spu;
      return {
        liveRoomId: idOf(rooms.ids, room.code, 'live room'),
        productId: idOf(ids.productIds, spu, 'SPU'),
        skuId: 'sku' in featured ? idOf(ids.skuIds, skuCodeOf(featured.sku), 'SKU') : null,
        livePriceFen: 'sku' in featured ? (featured.livePriceFen ?? null) : null,
        sort: (i + 1) * 10,
      };
    }),
  );
  const productKey = (r: { liveRoomId: number; productId: number; skuId?: number | null }) =>
    `${r.liveRoomId}:${r.productId}:${r.skuId ?? '-'}`;
  const existingProducts = await tx
    .select({ liveRoomId: liveProducts.liveRoomId, productId: liveProducts.productId, skuId: liveProducts.skuId })
    .from(liveProducts)
    .where(inArray(liveProducts.liveRoomId, roomIds));
  const insertedProducts = await insertMissing(tx, liveProducts, productRows, new Set(existingProducts.map(productKey)), productKey);

  const newRooms = new Set(rooms.inserted.map((r) => r.code));
  const drops = liveRoomSeeds.flatMap((room) =>
    room.couponDrops.map((drop) => ({
      roomCode: room.code,
      row: {
        liveRoomId: idOf(rooms.ids, room.code, 'live room'),
        templateId: idOf(ids.templateIds, drop.templateCode, 'coupon template'),
        dropAt: at(drop.at),
      },
    })),
  );
  const newDrops = drops.filter((d) => newRooms.has(d.roomCode)).map((d) => d.row);
  await insertRows(tx, liveCouponDrops, newDrops);

  return {
    live_rooms: rooms.count,
    live_products: { rows: productRows.length, inserted: insertedProducts.length },
    live_coupon_drops: { rows: drops.length, inserted: newDrops.length },
  };
}
