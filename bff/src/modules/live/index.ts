/**
 * Live links (docs/domain.md#live-links): live rooms, their featured products with live-only
 * prices, and coupon drops.
 *
 * Owns: live_rooms, live_products, live_coupon_drops.
 */
export { liveRoutes } from './routes';
export { livePrices } from './prices';
export { findRoom as findLiveRoom, type LiveRoomRow } from './queries';
