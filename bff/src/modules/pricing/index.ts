/**
 * Pricing (docs/domain.md#pricing): reads everything a price depends on — SKU prices, tiers,
 * 满减 promotions, coupons, activity prices from their owners — and runs the pure pricing of
 * domain/pricing.ts. Returns prices; it never writes.
 *
 * Owns: promotions. (Read here; head-office tooling will write them.)
 */
export { activePromotions, loadLines, memberDiscountPercent, type CatalogLine } from './context';
export { activityPrices, type ActivityContext, type ActivityInput } from './activities';
export { priceFromDatabase, type HeldCoupon, type PriceInput, type Priced } from './price';
