/**
 * `npm run db:migrate` (`node bff/dist/migrate.js`, after `npm run build`): applies the committed
 * migrations in db/drizzle to DATABASE_URL, as a deployment does before it starts a new build.
 * Needs nothing but DATABASE_URL; migrations already applied are skipped.
 */
import path from 'node:path';
import { createDatabase, runMigrations } from '@shop/db';

async function main(): Promise<void> {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is not set');
  const database = createDatabase(url, { connectionLimit: 1 });
  try {
    // The bundle runs from bff/dist; the migrations stay in the repository's db/drizzle.
    await runMigrations(database.db, path.resolve(__dirname, '..', '..', 'db', 'drizzle'));
    console.log('migrations applied');
  } finally {
    await database.close();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
