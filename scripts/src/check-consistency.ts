/**
 * `npm run check:consistency`: runs the consistency checker (bff/src/consistency, rules in
 * docs/consistency.md) read-only against DATABASE_URL, or the local dev database when it is
 * unset, and prints a report. Exit 0 when every invariant holds, 1 on any violation, 2 when the
 * check itself could not run (database unreachable, not migrated).
 *
 *   npm run check:consistency -- [--only stock.ledger_sum,tier.spend] [--outbox-overdue-minutes 15]
 *                                [--failed-group-grace-minutes 5] [--limit 200] [--json]
 */
import { createDatabase } from '@shop/db';
import { checkConsistency, formatReport, INVARIANTS, type ConsistencyOptions, type Invariant } from '../../bff/src/consistency';

function parseArgs(argv: string[]): { options: ConsistencyOptions; json: boolean } {
  const options: { -readonly [K in keyof ConsistencyOptions]: ConsistencyOptions[K] } = {};
  let json = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const next = argv[++i];
      if (next === undefined) throw new Error(`${arg} needs a value`);
      return next;
    };
    const minutes = () => {
      const parsed = Number(value());
      if (!Number.isFinite(parsed) || parsed < 0) throw new Error(`${arg} needs a number of minutes ≥ 0`);
      return parsed;
    };
    if (arg === '--json') json = true;
    else if (arg === '--outbox-overdue-minutes') options.outboxOverdueMinutes = minutes();
    else if (arg === '--failed-group-grace-minutes') options.failedGroupGraceMinutes = minutes();
    else if (arg === '--limit') options.limit = Math.max(1, Math.floor(minutes()));
    else if (arg === '--only') {
      const names = value().split(',');
      const unknown = names.filter((name) => !(INVARIANTS as readonly string[]).includes(name));
      if (unknown.length) throw new Error(`unknown invariant(s): ${unknown.join(', ')}; known: ${INVARIANTS.join(', ')}`);
      options.only = names as Invariant[];
    } else throw new Error(`unknown argument ${arg}`);
  }
  return { options, json };
}

async function main(): Promise<number> {
  const { options, json } = parseArgs(process.argv.slice(2));
  const url = process.env.DATABASE_URL ?? 'mysql://root@127.0.0.1:3307/shop';
  const database = createDatabase(url, { connectionLimit: 1 });
  try {
    const report = await checkConsistency(database.db, new Date(), options);
    console.log(json ? JSON.stringify(report, null, 2) : formatReport(report));
    return report.ok ? 0 : 1;
  } finally {
    await database.close();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(`check:consistency could not run: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(2);
  },
);
