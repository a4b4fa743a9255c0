import { and, eq, inArray, notInArray } from 'drizzle-orm';
import { flashSales, groupCampaignSkus, groupCampaigns, inventory, liveProducts, products, skus, type Db } from '@shop/db';

/**
 * The first SKU (by product, then SKU id) that a browser test can buy at its list price anywhere:
 * on sale, in no flash sale, group campaign or live room, and with at least `minAvailable`
 * sellable units at every store (so the default pickup store never matters).
 */
export async function plainSkuInStockEverywhere(db: Db, minAvailable: number) {
  const inActivity = [
    ...(await db.select({ id: flashSales.skuId }).from(flashSales)),
    ...(await db.select({ id: groupCampaigns.skuId }).from(groupCampaigns)),
    ...(await db.select({ id: groupCampaignSkus.skuId }).from(groupCampaignSkus)),
  ].map((row) => row.id);
  const inLive = (await db.select({ id: liveProducts.productId }).from(liveProducts)).map((row) => row.id);
  const candidates = await db
    .select({ productId: products.id, title: products.title, skuId: skus.id, specValues: skus.specValues })
    .from(skus)
    .innerJoin(products, eq(products.id, skus.productId))
    .where(
      and(
        eq(products.status, 'on_sale'),
        eq(skus.status, 'active'),
        inActivity.length ? notInArray(skus.id, inActivity) : undefined,
        inLive.length ? notInArray(products.id, inLive) : undefined,
      ),
    )
    .orderBy(products.id, skus.id);
  const stock = await db
    .select()
    .from(inventory)
    .where(
      inArray(
        inventory.skuId,
        candidates.map((c) => c.skuId),
      ),
    );
  const storeCount = new Set(stock.map((row) => row.storeId)).size;
  const found = candidates.find(
    (c) =>
      stock.filter((row) => row.skuId === c.skuId && row.onHand - row.reserved - row.safetyStock >= minAvailable).length === storeCount,
  );
  if (!found) throw new Error('the seed has no product in stock at every store');
  return found;
}
