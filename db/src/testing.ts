import { randomBytes } from 'node:crypto';
import mysql from 'mysql2/promise';
import { createDatabase, runMigrations, type Database } from './index';

export type TestDatabase = Database & { url: string; name: string; drop: () => Promise<void> };

/** The MariaDB server `npm test` started for this run (root on loopback, no database in the URL). */
export function testServerUrl(): string {
  const url = process.env.TEST_MYSQL_URL;
  if (!url) throw new Error('TEST_MYSQL_URL is not set: run the tests with `npm test`, which starts MariaDB and Redis');
  return url;
}

/**
 * A fresh, migrated database of its own for one test file, so test files run in parallel
 * without seeing each other's rows. `drop()` closes the pool and removes the database.
 */
export async function createTestDatabase(label = 't', options: { migrate?: boolean } = {}): Promise<TestDatabase> {
  const server = testServerUrl();
  const name = `shop_${label}_${randomBytes(4).toString('hex')}`;
  await adminQuery(server, `CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  const url = `${server}/${name}`;
  const database = createDatabase(url, { connectionLimit: 30 });
  if (options.migrate !== false) await runMigrations(database.db);
  return {
    ...database,
    url,
    name,
    drop: async () => {
      await database.close();
      await adminQuery(server, `DROP DATABASE IF EXISTS \`${name}\``);
    },
  };
}

async function adminQuery(serverUrl: string, statement: string): Promise<void> {
  const conn = await mysql.createConnection({ uri: serverUrl });
  try {
    await conn.query(statement);
  } finally {
    await conn.end();
  }
}
