/**
 * The consistency checker (docs/consistency.md; issue 13): every cross-table invariant the
 * modules keep, checked read-only straight on MariaDB — stock against its ledger and the orders,
 * payments, refunds, groups, coupons, points, tier spend, idempotency keys and the outbox.
 *
 * `checkConsistency(db, now)` runs every check (or the ones named in `only`) and answers each
 * violation with its invariant, the offending ids and expected vs found. Given a `Db`, every
 * check reads one consistent snapshot (a read-only REPEATABLE READ transaction), so writes committing meanwhile cannot show up as violations of the
 * checks that run after them. Given a `Tx`, it reads inside that transaction: a test can plant a
 * violation, check, and roll back. Each check is
 * one or two aggregate queries that return only offending rows (at most `limit` each). It reads
 * other modules' tables, as a report may, and writes nothing. `npm run check:consistency` runs it
 * from the command line (scripts/src/check-consistency.ts); the bench and the fault tests call it.
 */
import { is } from 'drizzle-orm';
import { MySqlTransaction } from 'drizzle-orm/mysql-core';
import type { DbOrTx, Tx } from '@shop/db';
import { CHECKS, INVARIANTS, type CheckContext, type Invariant, type Row } from './checks';

export { CHECKS, INVARIANTS, type Invariant } from './checks';

export type Violation = {
  invariant: Invariant;
  /** Expected vs found, in words. */
  detail: string;
  /** The offending rows' ids, e.g. { orderId: 12 } or { skuId: 3, storeId: 1 }. */
  ids: Record<string, number | string>;
};

export type ConsistencyReport = {
  ok: boolean;
  violations: Violation[];
  /** The invariants that ran, in order. */
  checked: Invariant[];
  /** Invariants with more offending rows than the limit (only the first `limit` are listed). */
  truncated: Invariant[];
};

export type ConsistencyOptions = Partial<Omit<CheckContext, 'now'>> & { only?: readonly Invariant[] };

export const DEFAULT_OPTIONS = { outboxOverdueMinutes: 15, failedGroupGraceMinutes: 5, limit: 200 } as const;

export async function checkConsistency(db: DbOrTx, now: Date, options: ConsistencyOptions = {}): Promise<ConsistencyReport> {
  const ctx: CheckContext = {
    now,
    outboxOverdueMinutes: options.outboxOverdueMinutes ?? DEFAULT_OPTIONS.outboxOverdueMinutes,
    failedGroupGraceMinutes: options.failedGroupGraceMinutes ?? DEFAULT_OPTIONS.failedGroupGraceMinutes,
    limit: options.limit ?? DEFAULT_OPTIONS.limit,
  };
  if (is(db, MySqlTransaction)) return runChecks(db as Tx, ctx, options.only);
  // REPEATABLE READ takes its snapshot at the first read and keeps it for every later query.
  // (Not also WITH CONSISTENT SNAPSHOT: drizzle joins the two without the comma SQL needs.)
  return db.transaction((tx) => runChecks(tx, ctx, options.only), { isolationLevel: 'repeatable read', accessMode: 'read only' });
}

async function runChecks(db: Tx, ctx: CheckContext, only?: readonly Invariant[]): Promise<ConsistencyReport> {
  const wanted = only ? new Set(only) : null;
  const violations: Violation[] = [];
  const checked: Invariant[] = [];
  const truncated: Invariant[] = [];
  for (const check of CHECKS) {
    if (wanted && !wanted.has(check.invariant)) continue;
    checked.push(check.invariant);
    for (const query of check.queries) {
      const [rows] = (await db.execute(query.sql(ctx))) as unknown as [Row[]];
      if (rows.length >= ctx.limit && !truncated.includes(check.invariant)) truncated.push(check.invariant);
      for (const row of rows) violations.push({ invariant: check.invariant, detail: query.detail(row), ids: query.ids(row) });
    }
  }
  return { ok: violations.length === 0, violations, checked, truncated };
}

/** The rule each invariant checks, for reports and docs. */
export function ruleOf(invariant: Invariant): string {
  return CHECKS.find((check) => check.invariant === invariant)!.rule;
}

/** A readable report: one block per violated invariant with its rule and every offending row. */
export function formatReport(report: ConsistencyReport): string {
  if (report.ok) return `✔ consistent: ${report.checked.length} invariants checked, no violation`;
  const lines = [`✘ ${report.violations.length} violation(s) of ${new Set(report.violations.map((v) => v.invariant)).size} invariant(s)`];
  for (const invariant of INVARIANTS) {
    const found = report.violations.filter((v) => v.invariant === invariant);
    if (found.length === 0) continue;
    lines.push('', `${invariant} (${found.length}${report.truncated.includes(invariant) ? '+, list cut at the limit' : ''})`);
    lines.push(`  rule: ${ruleOf(invariant)}`);
    for (const v of found) {
      const ids = Object.entries(v.ids)
        .map(([key, value]) => `${key}=${value}`)
        .join(' ');
      lines.push(`  - ${ids}: ${v.detail}`);
    }
  }
  const clean = report.checked.filter((invariant) => !report.violations.some((v) => v.invariant === invariant));
  lines.push('', `clean: ${clean.join(', ') || '—'}`);
  return lines.join('\n');
}
