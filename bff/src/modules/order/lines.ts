import type { PricingResult } from '../../domain/pricing';

/** What an order line records of a priced catalog line (pricing's CatalogLine fits). */
export type PricedLine = {
  skuId: number;
  productId: number;
  title: string;
  specText: string;
  imageUrl: string;
  qty: number;
  unitPriceFen: number;
  activityPriceFen?: number | null;
};

/** order_lines rows for priced catalog lines: what was bought and how each line's money splits. */
export function orderLineRows(orderId: number, priced: { lines: PricedLine[]; pricing: PricingResult }) {
  return priced.lines.map((line, i) => {
    const p = priced.pricing.lines[i];
    return {
      orderId,
      skuId: line.skuId,
      productId: line.productId,
      title: line.title,
      specText: line.specText,
      imageUrl: line.imageUrl,
      qty: line.qty,
      unitPriceFen: line.unitPriceFen,
      activityPriceFen: line.activityPriceFen ?? null,
      memberDiscountFen: p.memberDiscountFen,
      promotionShareFen: p.promotionShareFen,
      couponShareFen: p.couponShareFen,
      payableFen: p.payableFen,
    };
  });
}
