import type { products, skus } from '@shop/db';

/** "白色 / M": a SKU's spec values in the product's spec order, as every line and card shows them. */
export function specText(specs: (typeof products.$inferSelect)['specs'], values: (typeof skus.$inferSelect)['specValues']): string {
  return specs
    .map((spec) => values[spec.name])
    .filter(Boolean)
    .join(' / ');
}
