/**
 * Group buys (docs/domain.md#group-buys): campaigns, groups and their seats — pricing and
 * admission of an order into a group, the group's life (open → succeeded / failed with refunds),
 * views and mini-program codes.
 *
 * Owns: group_campaigns, group_campaign_skus, buy_groups, group_members.
 */
export { groupBuyRoutes } from './routes';
export { priceForGroup, recordSeat, releaseSeat, takeSeat, type GroupActivity } from './admission';
export { expireGroup, onGroupMemberPaid, refundFailedGroup, sweepGroups, type PaidOutcome } from './lifecycle';
export { findGroup, type CampaignRow } from './queries';
