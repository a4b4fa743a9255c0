/**
 * Shares (docs/domain.md#shares): share links and the visits they bring, for attribution.
 *
 * Owns: share_events, attribution_visits.
 */
export { shareRoutes } from './routes';
export { GROUP_PAGE, groupScene } from './paths';
export { recordCouponShare, recordCouponVisit } from './service';
