/**
 * Migrates the database in DATABASE_URL and seeds the demo retailer:
 *   DATABASE_URL=mysql://root@127.0.0.1:3307/shop npx tsx db/src/seed/cli.ts
 * Safe to run again: it only adds what is missing (see seedDemo).
 */
import { createDatabase, runMigrations } from '../index';
import { seedDemo, type SeedSummary } from './index';

function printSummary(summary: SeedSummary): void {
  console.table(Object.fromEntries(Object.entries(summary).map(([table, c]) => [table, { rows: c.rows, inserted: c.inserted }])));
  const inserted = Object.values(summary).reduce((sum, c) => sum + c.inserted, 0);
  console.log(inserted === 0 ? 'Demo data already present; nothing changed.' : `Inserted ${inserted} rows.`);
}

async function main(): Promise<void> {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is not set, e.g. mysql://root@127.0.0.1:3307/shop');
  const { db, close } = createDatabase(url, { connectionLimit: 2 });
  try {
    await runMigrations(db);
    printSummary(await seedDemo(db));
  } finally {
    await close();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
