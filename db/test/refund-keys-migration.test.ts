import fs from 'node:fs';
import path from 'node:path';
import type { Database } from '../src/index';
import { createTestDatabase, type TestDatabase } from '../src/testing';

/*
 * Migration 0004 moves the refund idempotency key and the escalation "once" off the outbox and
 * onto refunds (request_key, escalated_at). This applies 0000–0003 by hand to a fresh database,
 * writes rows the way the old code left them, applies 0004 and checks the backfill.
 */

jest.setTimeout(120_000);

const DRIZZLE = path.resolve(__dirname, '../drizzle');

type Row = Record<string, unknown>;

async function rows<T = Row>(database: Database, query: string, params: unknown[] = []): Promise<T[]> {
  const [result] = await database.pool.query(query, params);
  return result as T[];
}

/** Runs one generated migration file statement by statement, as drizzle's migrator does. */
async function apply(database: Database, prefix: string): Promise<void> {
  const file = fs.readdirSync(DRIZZLE).find((name) => name.startsWith(prefix) && name.endsWith('.sql'));
  if (!file) throw new Error(`no migration ${prefix}`);
  const statements = fs
    .readFileSync(path.join(DRIZZLE, file), 'utf8')
    .split('--> statement-breakpoint')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
  for (const statement of statements) await database.pool.query(statement);
}

describe('migration 0004: refunds get their own request key and escalated_at', () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase('mig4', { migrate: false });
    for (const prefix of ['0000_', '0001_', '0002_', '0003_']) await apply(database, prefix);
  });
  afterAll(() => database.drop());

  it('backfills request_key and escalated_at from the old outbox rows and leaves the outbox holding messages only', async () => {
    const refund = (id: number, orderId: number, status: string) =>
      rows(
        database,
        `INSERT INTO refunds (id, order_id, out_refund_no, amount_fen, reason, source, status, respond_by)
         VALUES (?, ?, ?, 1000, '不想要了', 'customer', ?, '2026-01-01 00:00:00.000')`,
        [id, orderId, `R${orderId}-${id}`, status],
      );
    await refund(501, 10, 'succeeded'); // made through a customer's Idempotency-Key
    await refund(502, 10, 'approved'); // its outbox row was purged (or never written): legacy key
    await refund(503, 100, 'requested'); // a system key with colons in it, escalated once
    await refund(504, 1, 'rejected'); // order 1: its prefix must not pick up order 10's or 100's rows

    const message = (topic: string, dedupeKey: string, payload: object, status: string, createdAt: string) =>
      rows(
        database,
        `INSERT INTO outbox (topic, dedupe_key, payload, status, next_attempt_at, created_at)
         VALUES (?, ?, ?, ?, ?, ?)`,
        [topic, dedupeKey, JSON.stringify(payload), status, createdAt, createdAt],
      );
    await message(
      'refund.requested',
      'refund.requested:10:cust-key-1',
      { refundId: 501, orderId: 10 },
      'pending',
      '2026-01-01 08:00:00.000',
    );
    await message(
      'refund.requested',
      'refund.requested:100:group_failed:7',
      { refundId: 503, orderId: 100 },
      'done',
      '2026-01-02 08:00:00.000',
    );
    await message('after_sale.escalated', 'after_sale.escalated:503', { refundId: 503, orderId: 100 }, 'done', '2026-01-04 09:30:00.123');
    await message('refund.rejected', 'refund.rejected:R1-504', { refundId: 504, orderId: 1 }, 'pending', '2026-01-03 10:00:00.000');
    await message('order.close_unpaid', 'order.close_unpaid:77', { orderId: 77 }, 'pending', '2026-01-03 11:00:00.000');
    await message('pickup.ready', 'pickup.ready:78', { orderId: 78 }, 'pending', '2026-01-03 12:00:00.000');

    await apply(database, '0004_');

    const refunds = await rows<{ id: number; request_key: string; escalated_at: Date | null }>(
      database,
      'SELECT id, request_key, escalated_at FROM refunds ORDER BY id',
    );
    expect(refunds.map((r) => [Number(r.id), r.request_key, r.escalated_at?.toISOString() ?? null])).toEqual([
      [501, 'cust-key-1', null],
      [502, 'legacy:502', null],
      [503, 'group_failed:7', '2026-01-04T09:30:00.123Z'],
      [504, 'legacy:504', null],
    ]);

    const outbox = await rows<{ topic: string; status: string; processed_at: Date | null; created_at: Date }>(
      database,
      'SELECT topic, status, processed_at, created_at FROM outbox ORDER BY id',
    );
    expect(outbox.map((o) => [o.topic, o.status])).toEqual([
      ['refund.requested', 'done'],
      ['refund.requested', 'done'],
      ['after_sale.escalated', 'done'],
      ['refund.rejected', 'done'],
      ['pickup.ready', 'pending'], // a delivered topic still waits for the relay
    ]);
    // Record-only rows an older version left pending are done as of when they were written.
    const rejected = outbox.find((o) => o.topic === 'refund.rejected')!;
    expect(rejected.processed_at).toEqual(rejected.created_at);

    // The key is NOT NULL and unique per order from now on.
    const columns = await rows<{ COLUMN_NAME: string; IS_NULLABLE: string }>(
      database,
      `SELECT COLUMN_NAME, IS_NULLABLE FROM information_schema.columns
        WHERE table_schema = DATABASE() AND table_name = 'refunds' AND column_name IN ('request_key', 'escalated_at') ORDER BY COLUMN_NAME`,
    );
    expect(columns.map((c) => [c.COLUMN_NAME, c.IS_NULLABLE])).toEqual([
      ['escalated_at', 'YES'],
      ['request_key', 'NO'],
    ]);
    await expect(
      rows(
        database,
        `INSERT INTO refunds (order_id, out_refund_no, request_key, amount_fen, reason, source, status)
         VALUES (10, 'R10-dup', 'cust-key-1', 1, 'dup', 'customer', 'requested')`,
      ),
    ).rejects.toMatchObject({ code: 'ER_DUP_ENTRY' });
  });
});
