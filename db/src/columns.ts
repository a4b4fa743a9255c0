import { sql } from 'drizzle-orm';
import { bigint, datetime, int } from 'drizzle-orm/mysql-core';

/** Surrogate key: unsigned BIGINT, returned to JS as a number (safe below 2^53). */
export const id = () => bigint('id', { mode: 'number', unsigned: true }).autoincrement().primaryKey();

/** Foreign key column pointing at an `id()` column. */
export const ref = (name: string) => bigint(name, { mode: 'number', unsigned: true });

/** Money in integer fen (分). Signed so that deltas and refunds can be expressed. */
export const fen = (name: string) => int(name);

/** Large money sums in fen (lifetime spend, GMV). */
export const fenTotal = (name: string) => bigint(name, { mode: 'number' });

/** UTC timestamp with millisecond precision; the connection runs with time_zone '+00:00'. */
export const utc = (name: string) => datetime(name, { mode: 'date', fsp: 3 });

export const createdAt = () =>
  utc('created_at')
    .notNull()
    .default(sql`CURRENT_TIMESTAMP(3)`);
export const updatedAt = () =>
  utc('updated_at')
    .notNull()
    .default(sql`CURRENT_TIMESTAMP(3)`)
    .$onUpdate(() => new Date());
