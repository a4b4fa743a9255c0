/**
 * The transactional outbox (docs/decisions/0004-outbox.md): side effects that must not be lost,
 * written in the same transaction as the state change (`enqueue`) and delivered by the relay job
 * with backoff. Topics and their payloads are one typed registry (topics.ts).
 *
 * Owns: outbox. Nobody else writes it.
 */
export { enqueue } from './enqueue';
export {
  purgeRecorded,
  relayOutbox,
  retryDelayMs,
  type Delivery,
  type OutboxHandler,
  type OutboxHandlers,
  type OutboxRow,
  type RelayDeps,
  type RelaySummary,
} from './relay';
export {
  DELIVERED_TOPICS,
  GroupFailedPayload,
  GroupResultPayload,
  OUTBOX_TOPICS,
  PickupReadyPayload,
  CouponExpiringPayload,
  FlashStartingPayload,
  LiveStartingPayload,
  type DeliveredTopic,
  type OutboxTopic,
  type TopicPayload,
} from './topics';
