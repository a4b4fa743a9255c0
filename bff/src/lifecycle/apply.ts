import { and, eq, type SQL } from 'drizzle-orm';
import type { MySqlColumn, MySqlTable } from 'drizzle-orm/mysql-core';
import type { Tx } from '@shop/db';
import type { Lifecycle } from '../domain/lifecycle';

/**
 * The one place a lifecycle's status column is written. A move is checked against the pure table
 * (domain/*-state.ts), then applied with one guarded UPDATE
 *
 *   UPDATE <table> SET status = :to, …set WHERE <key> = :id AND status = :from [AND …where]
 *
 * and its history row is written in the same transaction. Zero rows updated means someone else
 * moved the row first (or an extra guard did not hold): a lost race, never a silent overwrite.
 *
 * Transaction contract: the caller passes its transaction, so the move commits (or rolls back)
 * with the rest of its work; nothing here opens one or reads the row first. `row.status` is the
 * status the caller expects the row to be in — read under a lock, or simply the one the step needs
 * (`{ id, status: 'open' }`): the guard makes both safe.
 */

export type Actor = { type: 'system' | 'member' | 'staff' | 'wechat'; id?: number };

/** A move as the history sees it; `from` is null for a row created in `to` (recordCreation). */
export type StatusChange<S extends string, E extends string> = { id: number; from: S | null; to: S; event: E | 'created' };

export type TransitionFailure<S extends string, E extends string> = {
  ok: false;
  /** not_allowed: the table has no such move from `from`; lost_race: the guarded UPDATE matched no row. */
  reason: 'not_allowed' | 'lost_race';
  entity: string;
  id: number;
  from: S;
  event: E;
};

export type TransitionResult<S extends string, E extends string> =
  { ok: true; id: number; from: S; to: S; event: E } | TransitionFailure<S, E>;

/**
 * A lifecycle bound to the table whose status column it drives (see lifecycle/tables.ts).
 * `H` is what the history row needs beyond the actor (status_changes: `at`; orders: reason, detail).
 */
export type StatusTable<S extends string, E extends string, T extends MySqlTable, H> = {
  lifecycle: Lifecycle<S, E>;
  table: T;
  /** The row's key column (pickup codes: order_id, their primary key). */
  key: MySqlColumn;
  /** The status column; its property on the table is `status`. */
  status: MySqlColumn;
  record: (tx: Tx, change: StatusChange<S, E>, note: H & { actor: Actor }) => Promise<unknown>;
  /** What applyTransition throws for a refused move or a lost race unless the caller says otherwise. */
  conflict: (failure: TransitionFailure<S, E>) => Error;
};

export type TransitionOptions<S extends string, E extends string, T extends MySqlTable, H> = H & {
  actor: Actor;
  /** Other columns the same UPDATE writes (timestamps, who decided, a lease …); never `status`. */
  set?: Omit<Partial<T['$inferInsert']>, 'status'>;
  /** Extra guards ANDed to the key and status (due, owner, a counter …). */
  where?: SQL;
  /** applyTransition only: the error to throw instead of the table's default conflict. */
  conflict?: (failure: TransitionFailure<S, E>) => Error;
};

/** Applies `event` to `row` and says how it went; a refused move or a lost race is a returned result, not an error. */
export async function tryTransition<S extends string, E extends string, T extends MySqlTable, H>(
  tx: Tx,
  spec: StatusTable<S, E, T, H>,
  row: { id: number; status: NoInfer<S> },
  event: NoInfer<E>,
  options: NoInfer<TransitionOptions<S, E, T, H>>,
): Promise<TransitionResult<S, E>> {
  const base = { entity: spec.lifecycle.name, id: row.id, from: row.status, event };
  const moved = spec.lifecycle.transition(row.status, event);
  if (!moved.ok) return { ok: false, reason: 'not_allowed', ...base };
  const { actor, set, where, conflict: _conflict, ...note } = options;
  const [updated] = await tx
    .update(spec.table)
    // `status` last: a stray status in `set` cannot bypass the table.
    .set({ ...set, status: moved.to } as never)
    .where(and(eq(spec.key, row.id), eq(spec.status, row.status), where));
  if (updated.affectedRows !== 1) return { ok: false, reason: 'lost_race', ...base };
  await spec.record(tx, { id: row.id, from: row.status, to: moved.to, event }, { ...(note as H), actor });
  return { ok: true, id: row.id, from: row.status, to: moved.to, event };
}

/** Like tryTransition, but a refused move or a lost race throws (default: the table's 409 conflict). */
export async function applyTransition<S extends string, E extends string, T extends MySqlTable, H>(
  tx: Tx,
  spec: StatusTable<S, E, T, H>,
  row: { id: number; status: NoInfer<S> },
  event: NoInfer<E>,
  options: NoInfer<TransitionOptions<S, E, T, H>>,
): Promise<S> {
  const result = await tryTransition(tx, spec, row, event, options);
  if (!result.ok) throw (options.conflict ?? spec.conflict)(result);
  return result.to;
}

/** The history row of a row just INSERTed in one of the lifecycle's initial statuses. */
export async function recordCreation<S extends string, E extends string, T extends MySqlTable, H>(
  tx: Tx,
  spec: StatusTable<S, E, T, H>,
  row: { id: number; status: NoInfer<S> },
  note: NoInfer<H & { actor: Actor }>,
): Promise<void> {
  if (!spec.lifecycle.initial.includes(row.status)) {
    throw new Error(`${spec.lifecycle.name} ${row.id}: created in ${row.status}, which is not an initial status`);
  }
  await spec.record(tx, { id: row.id, from: null, to: row.status, event: 'created' }, note);
}
