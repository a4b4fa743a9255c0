import type { DbOrTx } from '@shop/db';
import type { Coupon } from '../../domain/pricing';
import type { AppError } from '../../http/errors';
import {
  notTheirsError,
  offlineRefusal,
  pricingCouponOf,
  refusalError,
  scannedCoupon,
  type OfflineCoupon,
  type ScannedCoupon,
} from '../coupon';

/**
 * A coupon scanned at the till (docs/domain.md#till): judged by the coupon module's offline rules
 * for this store and now, and — when the sale names a member — it must be that member's. Quotes
 * show the refusal; the sale throws it.
 */
export type TillCoupon = { scanned: ScannedCoupon; held: OfflineCoupon; coupon: Coupon; refusal: AppError | null };

export async function judgeTillCoupon(
  db: DbOrTx,
  scanned: ScannedCoupon,
  at: { storeId: number; memberId: number | null; now: Date },
): Promise<TillCoupon> {
  const held = await scannedCoupon(db, scanned);
  const refusal = offlineRefusal(held, at.storeId, at.now);
  const error = refusal ? refusalError(refusal) : at.memberId !== null && held.memberId !== at.memberId ? notTheirsError() : null;
  return { scanned, held, coupon: pricingCouponOf(held.userCouponId, held.template), refusal: error };
}
