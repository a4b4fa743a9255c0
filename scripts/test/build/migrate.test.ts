import { spawnSync } from 'node:child_process';
import { createTestDatabase, type TestDatabase } from '@shop/db/testing';
import { ROOT, TSX, TSX_SOURCE_FLAGS } from '../../src/lib/paths';

/**
 * `npm run db:migrate` is how a deployment brings its database up to the build it starts. It runs
 * bff/src/migrate.ts (bundled to bff/dist/migrate.js, two folders below the root like its source):
 * an empty database gets every table, and a second run changes nothing.
 */
let database: TestDatabase;
beforeAll(async () => (database = await createTestDatabase('migrate', { migrate: false })));
afterAll(() => database.drop());

const migrate = (env: NodeJS.ProcessEnv) =>
  spawnSync(TSX, [...TSX_SOURCE_FLAGS, 'bff/src/migrate.ts'], { cwd: ROOT, encoding: 'utf8', env: { PATH: process.env.PATH, ...env } });

async function tables(): Promise<string[]> {
  const [rows] = (await database.pool.query('SELECT table_name AS name FROM information_schema.tables WHERE table_schema = ?', [
    database.name,
  ])) as unknown as [{ name: string }[]];
  return rows.map((r) => r.name).sort();
}

test('migrates an empty database, then finds nothing left to do', async () => {
  expect(await tables()).toEqual([]);
  const first = migrate({ DATABASE_URL: database.url });
  expect(first.stderr).toBe('');
  expect(first.status).toBe(0);
  const migrated = await tables();
  expect(migrated).toEqual(expect.arrayContaining(['orders', 'inventory_ledger', 'payments', '__drizzle_migrations']));

  const again = migrate({ DATABASE_URL: database.url });
  expect(again.status).toBe(0);
  expect(await tables()).toEqual(migrated);
});

test('refuses to run without DATABASE_URL', () => {
  const run = migrate({});
  expect(run.status).toBe(1);
  expect(run.stderr).toContain('DATABASE_URL is not set');
});
