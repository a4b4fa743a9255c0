import type { MySqlTable } from 'drizzle-orm/mysql-core';
import type { Tx } from '../index';
import type { Offset } from './types';

/** Reference of every seeded ledger row (stock and points); with kind/reason it is the row's natural key. */
export const SEED_REFERENCE = 'seed';

/** Rows per INSERT statement: well under max_allowed_packet even with long JSON columns. */
const INSERT_CHUNK = 200;

/**
 * The seed's one write primitive: inserts the rows whose natural key is not among
 * `existingKeys` and never touches existing rows, so a re-seed changes nothing (not even
 * updated_at — which is why this is not an `ON DUPLICATE KEY UPDATE`: drizzle adds
 * `updated_at = now()` to every upsert through `$onUpdate`). Returns the rows it inserted.
 */
export async function insertMissing<T extends MySqlTable>(
  tx: Tx,
  table: T,
  rows: T['$inferInsert'][],
  existingKeys: Set<string>,
  keyOf: (row: T['$inferInsert']) => string,
): Promise<T['$inferInsert'][]> {
  const missing = rows.filter((row) => !existingKeys.has(keyOf(row)));
  await insertRows(tx, table, missing);
  return missing;
}

/** Plain chunked insert, for rows the caller already knows to be new. */
export async function insertRows<T extends MySqlTable>(tx: Tx, table: T, rows: T['$inferInsert'][]): Promise<void> {
  for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
    await tx.insert(table).values(rows.slice(i, i + INSERT_CHUNK));
  }
}

/** Looks an id up by natural key and fails loudly when the data refers to something unknown. */
export function idOf(ids: Map<string, number>, key: string, what: string): number {
  const id = ids.get(key);
  if (id === undefined) throw new Error(`seed: unknown ${what} "${key}"`);
  return id;
}

/** `now` truncated to the whole minute, so seeded windows read 14:05 rather than 14:05:37.291. */
export function seedClock(now: Date): (offset: Offset) => Date {
  const base = Math.floor(now.getTime() / 60_000) * 60_000;
  return (offset) => new Date(base + offset * 60_000);
}

/**
 * FNV-1a, 32 bit: a stable hash so that "random-looking" data (stock levels) is the same on
 * every machine and every run. Not for security.
 */
export function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** EAN-13 check digit for the first 12 digits (weights 1,3,1,3… from the left). */
export function ean13CheckDigit(first12: string): number {
  if (!/^\d{12}$/.test(first12)) throw new Error(`EAN-13 needs 12 digits, got "${first12}"`);
  const sum = [...first12].reduce((acc, d, i) => acc + Number(d) * (i % 2 === 0 ? 1 : 3), 0);
  return (10 - (sum % 10)) % 10;
}

/** How many of a table's seed rows exist after the run, and how many of those this run inserted. */
export type TableCount = { rows: number; inserted: number };

export type KeyedId = { id: number; key: string };

/**
 * insertMissing for tables with a surrogate id: reads the natural keys already present,
 * inserts the rest, and returns natural key → id for every seed row (ids are never hard-coded).
 * `loadKeys` must select only the rows the seed is about, by natural key.
 */
export async function ensureRows<T extends MySqlTable>(
  tx: Tx,
  table: T,
  rows: T['$inferInsert'][],
  keyOf: (row: T['$inferInsert']) => string,
  loadKeys: () => Promise<KeyedId[]>,
): Promise<{ ids: Map<string, number>; count: TableCount; inserted: T['$inferInsert'][] }> {
  const before = await loadKeys();
  const inserted = await insertMissing(tx, table, rows, new Set(before.map((r) => r.key)), keyOf);
  const after = inserted.length > 0 ? await loadKeys() : before;
  return {
    ids: new Map(after.map((r) => [r.key, r.id])),
    count: { rows: rows.length, inserted: inserted.length },
    inserted,
  };
}
