import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { cartItems, products, skus, type DbOrTx } from '@shop/db';

export async function listCartRows(db: DbOrTx, memberId: number) {
  return db
    .select({
      skuId: cartItems.skuId,
      qty: cartItems.qty,
      selected: cartItems.selected,
      productId: skus.productId,
      specValues: skus.specValues,
      skuStatus: skus.status,
      priceFen: skus.priceFen,
      listPriceFen: skus.listPriceFen,
      skuImage: skus.imageUrl,
      title: products.title,
      specs: products.specs,
      images: products.images,
      productStatus: products.status,
    })
    .from(cartItems)
    .innerJoin(skus, eq(skus.id, cartItems.skuId))
    .innerJoin(products, eq(products.id, skus.productId))
    .where(eq(cartItems.memberId, memberId))
    .orderBy(asc(cartItems.createdAt), asc(cartItems.id));
}

export async function findSkuForCart(db: DbOrTx, skuId: number) {
  const [row] = await db
    .select({ id: skus.id, skuStatus: skus.status, productStatus: products.status })
    .from(skus)
    .innerJoin(products, eq(products.id, skus.productId))
    .where(eq(skus.id, skuId))
    .limit(1);
  return row;
}

export async function countLines(db: DbOrTx, memberId: number): Promise<number> {
  const [{ n }] = await db
    .select({ n: sql<number>`COUNT(*)` })
    .from(cartItems)
    .where(eq(cartItems.memberId, memberId));
  return Number(n);
}

/** Adds to the line (or creates it), refusing to pass the per-line cap in the same statement. */
export async function addToLine(db: DbOrTx, memberId: number, skuId: number, qty: number, maxQty: number): Promise<boolean> {
  const [inserted] = await db.insert(cartItems).ignore().values({ memberId, skuId, qty, selected: true });
  if (inserted.affectedRows === 1) return true;
  const [updated] = await db
    .update(cartItems)
    .set({ qty: sql`${cartItems.qty} + ${qty}`, selected: true })
    .where(and(eq(cartItems.memberId, memberId), eq(cartItems.skuId, skuId), sql`${cartItems.qty} + ${qty} <= ${maxQty}`));
  return updated.affectedRows === 1;
}

export async function updateLine(
  db: DbOrTx,
  memberId: number,
  skuId: number,
  patch: { qty?: number; selected?: boolean },
): Promise<boolean> {
  const [result] = await db
    .update(cartItems)
    .set(patch)
    .where(and(eq(cartItems.memberId, memberId), eq(cartItems.skuId, skuId)));
  return result.affectedRows === 1;
}

export async function deleteLine(db: DbOrTx, memberId: number, skuId: number): Promise<void> {
  await db.delete(cartItems).where(and(eq(cartItems.memberId, memberId), eq(cartItems.skuId, skuId)));
}

/** 管理 mode's 删除 and 清空失效商品: whichever of the lines are still there go (absent ones are no error). */
export async function deleteLines(db: DbOrTx, memberId: number, skuIds: number[]): Promise<void> {
  await db.delete(cartItems).where(and(eq(cartItems.memberId, memberId), inArray(cartItems.skuId, skuIds)));
}
