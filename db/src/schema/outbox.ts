import { index, int, json, mysqlEnum, mysqlTable, uniqueIndex, varchar } from 'drizzle-orm/mysql-core';
import { createdAt, id, updatedAt, utc } from '../columns';

/**
 * Side effects that must not be lost (messages, refunds, points), written in the same transaction
 * as the state change and delivered by a retrying job.
 */
export const outbox = mysqlTable(
  'outbox',
  {
    id: id(),
    topic: varchar('topic', { length: 64 }).notNull(),
    /** Producer-chosen key so a retried transaction cannot enqueue the same effect twice. */
    dedupeKey: varchar('dedupe_key', { length: 128 }).notNull(),
    payload: json('payload').$type<Record<string, unknown>>().notNull(),
    status: mysqlEnum('status', ['pending', 'done', 'dead']).notNull().default('pending'),
    attempts: int('attempts').notNull().default(0),
    nextAttemptAt: utc('next_attempt_at').notNull(),
    lastError: varchar('last_error', { length: 255 }),
    processedAt: utc('processed_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('outbox_dedupe_uq').on(t.dedupeKey),
    // relay: next due pending rows
    index('outbox_status_next_idx').on(t.status, t.nextAttemptAt),
  ],
);
