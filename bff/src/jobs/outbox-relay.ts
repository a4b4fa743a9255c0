import { notifyHandlers } from '../modules/notify';
import { relayOutbox as relay, type RelayDeps, type RelaySummary } from '../modules/outbox';

export { retryDelayMs, type RelayDeps } from '../modules/outbox';

/** The 'relay-outbox' job with this app's handlers: every delivered topic today is a subscribe message. */
export function relayOutbox(deps: RelayDeps, options: { batch?: number } = {}): Promise<RelaySummary> {
  return relay(deps, notifyHandlers, options);
}
