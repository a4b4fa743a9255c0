/**
 * Subscribe messages (docs/domain.md#notifications): renders outbox rows of the delivered topics
 * into WeChat subscribe messages and sends them.
 *
 * Owns: nothing.
 */
export { notifyRoutes } from './routes';
export { notifyHandlers, sendNotification } from './service';
