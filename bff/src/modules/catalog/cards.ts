import { asc, eq, inArray } from 'drizzle-orm';
import { products, skus, type DbOrTx } from '@shop/db';

/** A product as a list card anywhere outside the catalog (我的收藏): on sale or taken off. */
export type ProductCard = {
  id: number;
  title: string;
  subtitle: string;
  imageUrl: string;
  minPriceFen: number;
  /** The struck-through 划线价 of the cheapest active SKU, when it has one. */
  listPriceFen: number | null;
  status: 'on_sale' | 'off_shelf';
};

/**
 * Cards for the given products, in no particular order (the caller orders them). Read fresh, not
 * from the catalog cache: the caller's list is per member and short (one page).
 */
export async function productCards(db: DbOrTx, productIds: number[]): Promise<Map<number, ProductCard>> {
  if (productIds.length === 0) return new Map();
  const [rows, skuRows] = await Promise.all([
    db
      .select({
        id: products.id,
        title: products.title,
        subtitle: products.subtitle,
        images: products.images,
        minPriceFen: products.minPriceFen,
        status: products.status,
      })
      .from(products)
      .where(inArray(products.id, productIds)),
    db
      .select({ productId: skus.productId, priceFen: skus.priceFen, listPriceFen: skus.listPriceFen, status: skus.status })
      .from(skus)
      .where(inArray(skus.productId, productIds))
      .orderBy(asc(skus.id)),
  ]);
  const cheapest = new Map<number, { priceFen: number; listPriceFen: number | null }>();
  for (const sku of skuRows) {
    if (sku.status !== 'active') continue;
    const current = cheapest.get(sku.productId);
    if (!current || sku.priceFen < current.priceFen) cheapest.set(sku.productId, sku);
  }
  return new Map(
    rows.map((row) => [
      row.id,
      {
        id: row.id,
        title: row.title,
        subtitle: row.subtitle,
        imageUrl: row.images[0] ?? '',
        minPriceFen: row.minPriceFen,
        listPriceFen: cheapest.get(row.id)?.listPriceFen ?? null,
        status: row.status,
      },
    ]),
  );
}

/** Whether the product exists at all (on sale or not): a 收藏 of a missing product is 404. */
export async function productExists(db: DbOrTx, productId: number): Promise<boolean> {
  const [row] = await db.select({ id: products.id }).from(products).where(eq(products.id, productId)).limit(1);
  return row !== undefined;
}
