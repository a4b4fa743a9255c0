import { inArray, or } from 'drizzle-orm';
import { skus, type DbOrTx } from '@shop/db';
import { priceOrder, type Coupon, type PricingResult } from '../../domain/pricing';
import { AppError } from '../../http/errors';
import { activePromotions, loadLines, memberDiscountPercent, type CatalogLine } from '../pricing';

/**
 * The till's prices, from the database through the one pricing function: SKU list prices, the
 * member's tier discount when a member is identified, and 满减 promotions running for the offline
 * channel ('offline' or 'both'), then at most one coupon the customer redeems here (线下核销, see
 * service.ts). No activity prices: flash / group / live prices are online deals.
 */
export type TillItem = { skuId?: number; barcode?: string; qty: number };
export type TillPriced = { lines: CatalogLine[]; pricing: PricingResult; tierCode: string | null };

/** Scanned barcodes and picked SKU ids → SKU ids; anything unknown is 404 SKU_NOT_FOUND. */
export async function resolveItems(db: DbOrTx, items: TillItem[]): Promise<{ skuId: number; qty: number }[]> {
  const ids = [...new Set(items.flatMap((i) => (i.skuId === undefined ? [] : [i.skuId])))];
  const barcodes = [...new Set(items.flatMap((i) => (i.barcode === undefined ? [] : [i.barcode])))];
  const rows = await db
    .select({ id: skus.id, barcode: skus.barcode })
    .from(skus)
    .where(or(ids.length ? inArray(skus.id, ids) : undefined, barcodes.length ? inArray(skus.barcode, barcodes) : undefined));
  const known = new Set(rows.map((r) => r.id));
  const byBarcode = new Map(rows.map((r) => [r.barcode, r.id]));
  return items.map((item) => {
    const skuId = item.skuId !== undefined ? (known.has(item.skuId) ? item.skuId : undefined) : byBarcode.get(item.barcode!);
    if (skuId === undefined) {
      const details = item.skuId !== undefined ? { skuId: item.skuId } : { barcode: item.barcode };
      throw new AppError('not_found', 'SKU_NOT_FOUND', '商品不存在', details);
    }
    return { skuId, qty: item.qty };
  });
}

/**
 * Prices the basket. Off-shelf products and disabled SKUs are refused (422 PRODUCT_OFF_SHELF),
 * as online: taking a product off the shelf is head office's decision for both channels.
 */
export async function priceTill(
  db: DbOrTx,
  input: { items: { skuId: number; qty: number }[]; memberId: number | null; coupon: Coupon | null; now: Date },
): Promise<TillPriced> {
  const lines = await loadLines(db, input.items);
  const [member, promotions] = await Promise.all([
    input.memberId === null ? null : memberDiscountPercent(db, input.memberId),
    activePromotions(db, input.now, 'offline'),
  ]);
  const pricing = priceOrder({ lines, memberDiscountPercent: member?.percent ?? null, promotions, coupon: input.coupon });
  return { lines, pricing, tierCode: member?.tierCode ?? null };
}
