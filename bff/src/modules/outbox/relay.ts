import { and, asc, eq, inArray, lt, lte } from 'drizzle-orm';
import { outbox } from '@shop/db';
import type { AppDeps } from '../../deps';
import { OUTBOX_TOPICS, isOutboxTopic, type DeliveredTopic, type OutboxTopic } from './topics';

/**
 * The 'relay-outbox' job: delivers due outbox rows, each by its topic's handler. Rows are
 * written in the same transaction as the state change; this turns them into effects, retrying
 * with backoff. Several BFF processes run it at once, so each row is claimed before delivery.
 * Delivery is at least once: a process that dies after sending but before marking the row done
 * sends again after the lease (for subscribe messages the spent one-time subscription then
 * usually turns the repeat into 43101).
 */
export type RelayDeps = Pick<AppDeps, 'db' | 'wechat' | 'config' | 'logger' | 'now'>;
export type OutboxRow = typeof outbox.$inferSelect;

/** sent: done · skipped: done, with the reason (e.g. not_subscribed) · rejected: dead now, retrying cannot help. */
export type Delivery = { outcome: 'sent' } | { outcome: 'skipped'; reason: string } | { outcome: 'rejected'; reason: string };
/** Throwing means "try again later". */
export type OutboxHandler = (deps: RelayDeps, row: OutboxRow) => Promise<Delivery>;
/** One handler for every delivered topic: a topic without one is a type error, not a row pending forever. */
export type OutboxHandlers = Record<DeliveredTopic, OutboxHandler>;

export type RelaySummary = { claimed: number; sent: number; skipped: number; retrying: number; dead: number };

/** While one relay delivers a row, others leave it alone this long; a relay that dies frees it after. */
const LEASE_MS = 2 * 60_000;
const FIRST_RETRY_MS = 30_000;
const MAX_RETRY_MS = 3600_000;

/** Wait after the n-th failed attempt (1-based): 30 s, 1 min, 2 min, 4 min … doubling up to 1 h. */
export function retryDelayMs(failedAttempts: number): number {
  const exponent = Math.max(failedAttempts, 1) - 1;
  return Math.min(FIRST_RETRY_MS * 2 ** exponent, MAX_RETRY_MS);
}

export async function relayOutbox(
  deps: RelayDeps,
  handlers: OutboxHandlers,
  { batch = 50 }: { batch?: number } = {},
): Promise<RelaySummary> {
  const summary: RelaySummary = { claimed: 0, sent: 0, skipped: 0, retrying: 0, dead: 0 };
  for (const candidate of await dueRows(deps, batch)) {
    const row = await claim(deps, candidate);
    if (!row) continue; // another relay took it
    summary.claimed += 1;
    summary[await deliver(deps, handlers, row)] += 1;
  }
  return summary;
}

// served by outbox_status_next_idx (status, next_attempt_at). Every pending row is due for some
// handler: record-only topics are written done, and a topic nobody knows goes dead on delivery.
function dueRows(deps: RelayDeps, batch: number): Promise<OutboxRow[]> {
  return deps.db
    .select()
    .from(outbox)
    .where(and(eq(outbox.status, 'pending'), lte(outbox.nextAttemptAt, deps.now())))
    .orderBy(asc(outbox.nextAttemptAt), asc(outbox.id))
    .limit(batch);
}

/**
 * One guarded UPDATE takes the row: it must still be pending, due, and at the attempt count we
 * read. Counting the attempt and pushing next_attempt_at out by the lease happen together, so a
 * concurrent relay's identical UPDATE matches nothing.
 */
async function claim(deps: RelayDeps, row: OutboxRow): Promise<OutboxRow | null> {
  const now = deps.now();
  const attempts = row.attempts + 1;
  const [result] = await deps.db
    .update(outbox)
    .set({ attempts, nextAttemptAt: new Date(now.getTime() + LEASE_MS) })
    .where(and(eq(outbox.id, row.id), eq(outbox.status, 'pending'), eq(outbox.attempts, row.attempts), lte(outbox.nextAttemptAt, now)));
  return result.affectedRows === 1 ? { ...row, attempts } : null;
}

async function deliver(deps: RelayDeps, handlers: OutboxHandlers, row: OutboxRow): Promise<'sent' | 'skipped' | 'retrying' | 'dead'> {
  let delivery: Delivery;
  try {
    delivery = await handlerOf(handlers, row.topic)(deps, row);
  } catch (err) {
    return recordFailure(deps, row, err);
  }
  if (delivery.outcome === 'rejected') {
    deps.logger.error({ outboxId: row.id, topic: row.topic, reason: delivery.reason }, 'outbox row rejected');
    await finish(deps, row, { status: 'dead', lastError: delivery.reason });
    return 'dead';
  }
  const lastError = delivery.outcome === 'skipped' ? delivery.reason : null;
  await finish(deps, row, { status: 'done', processedAt: deps.now(), lastError });
  return delivery.outcome;
}

async function recordFailure(deps: RelayDeps, row: OutboxRow, err: unknown): Promise<'retrying' | 'dead'> {
  const lastError = (err instanceof Error ? err.message : String(err)).slice(0, 255);
  const exhausted = row.attempts >= deps.config.outboxMaxAttempts;
  deps.logger.warn({ err, outboxId: row.id, topic: row.topic, attempts: row.attempts, exhausted }, 'outbox delivery failed');
  if (exhausted) {
    await finish(deps, row, { status: 'dead', lastError });
    return 'dead';
  }
  await finish(deps, row, { lastError, nextAttemptAt: new Date(deps.now().getTime() + retryDelayMs(row.attempts)) });
  return 'retrying';
}

/** Writes the outcome only while the claim is still ours (same attempt count, still pending). */
async function finish(
  deps: RelayDeps,
  row: OutboxRow,
  changes: Partial<Pick<OutboxRow, 'status' | 'processedAt' | 'lastError' | 'nextAttemptAt'>>,
) {
  await deps.db
    .update(outbox)
    .set(changes)
    .where(and(eq(outbox.id, row.id), eq(outbox.status, 'pending'), eq(outbox.attempts, row.attempts)));
}

/** A row whose topic is unknown or record-only (written before the registry) has nothing to wait for. */
function handlerOf(handlers: OutboxHandlers, topic: string): OutboxHandler {
  if (isOutboxTopic(topic) && OUTBOX_TOPICS[topic].delivery === 'delivered') return handlers[topic as DeliveredTopic];
  return async () => ({ outcome: 'rejected', reason: `no handler for topic ${topic}` });
}

/** Deletes record-only rows past their topic's retention (the daily 'purge-outbox' job). */
export async function purgeRecorded(deps: Pick<AppDeps, 'db' | 'now'>): Promise<number> {
  let purged = 0;
  for (const [topic, spec] of Object.entries(OUTBOX_TOPICS) as [OutboxTopic, (typeof OUTBOX_TOPICS)[OutboxTopic]][]) {
    if (spec.delivery !== 'recorded') continue;
    const before = new Date(deps.now().getTime() - spec.retentionDays * 86_400_000);
    const [result] = await deps.db
      .delete(outbox)
      .where(and(inArray(outbox.topic, [topic]), eq(outbox.status, 'done'), lt(outbox.createdAt, before)));
    purged += result.affectedRows;
  }
  return purged;
}
