import type { DbOrTx } from '@shop/db';
import { priceForFlash, type FlashActivity, type SaleRow } from '../flashsale';
import { priceForGroup, type CampaignRow, type GroupActivity } from '../groupbuy';
import { livePrices } from '../live';

export type ActivityInput = GroupActivity | FlashActivity | { type: 'live'; liveRoomId: number };

/** The campaign or sale an activity order runs under (order creation admits against it). */
export type ActivityContext =
  { type: 'group'; campaign: CampaignRow } | { type: 'flash'; sale: SaleRow } | { type: 'live'; liveRoomId: number };

/** An activity's prices by SKU id: they replace the list price and exclude member discount, 满减 and coupons. */
export type ActivityPrices = { context: ActivityContext | null; prices: Map<number, number> };

/**
 * Asks the activity's owner for its price of these lines; each owner also checks its rules
 * (window, SKU, per-user limit). Returns prices; the caller builds the priced lines.
 */
export async function activityPrices(
  db: DbOrTx,
  memberId: number,
  lines: { skuId: number; productId: number; qty: number }[],
  activity: ActivityInput | undefined,
  now: Date,
): Promise<ActivityPrices> {
  switch (activity?.type) {
    case 'group': {
      const { campaign, skuId, unitPriceFen } = await priceForGroup(db, lines, activity, now);
      return { context: { type: 'group', campaign }, prices: new Map([[skuId, unitPriceFen]]) };
    }
    case 'flash': {
      const { sale, unitPriceFen } = await priceForFlash(db, memberId, lines, activity, now);
      return { context: { type: 'flash', sale }, prices: new Map([[sale.skuId, unitPriceFen]]) };
    }
    case 'live':
      return { context: { type: 'live', liveRoomId: activity.liveRoomId }, prices: await livePrices(db, lines, activity.liveRoomId, now) };
    default:
      return { context: null, prices: new Map() };
  }
}
