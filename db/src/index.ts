import path from 'node:path';
import { drizzle, type MySql2Database } from 'drizzle-orm/mysql2';
import { migrate } from 'drizzle-orm/mysql2/migrator';
import mysql from 'mysql2/promise';
import * as schema from './schema';

export * as schema from './schema';
export * from './schema';

export type Db = MySql2Database<typeof schema>;
/** A transaction handle; repositories take `Db | Tx` so they work inside and outside transactions. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type DbOrTx = Db | Tx;

export type Database = { db: Db; pool: mysql.Pool; close: () => Promise<void> };

/** Opens a pool that speaks UTC and utf8mb4 whatever the server defaults are. */
export function createDatabase(url: string, options: { connectionLimit?: number } = {}): Database {
  const pool = mysql.createPool({
    uri: url,
    connectionLimit: options.connectionLimit ?? 20,
    timezone: 'Z',
    charset: 'utf8mb4_unicode_ci',
    dateStrings: false,
    supportBigNumbers: true,
    enableKeepAlive: true,
  });
  pool.on('connection', (conn) => {
    conn.query("SET time_zone = '+00:00'");
  });
  const db = drizzle(pool, { schema, mode: 'default' });
  return { db, pool, close: () => pool.end() };
}

export const migrationsFolder = path.resolve(__dirname, '..', 'drizzle');

/**
 * Applies the committed drizzle-kit migrations; already-applied ones are skipped. A bundle (bff/dist)
 * passes where db/drizzle is, since `__dirname` is then the bundle's folder.
 */
export async function runMigrations(db: Db, folder = migrationsFolder): Promise<void> {
  await migrate(db, { migrationsFolder: folder });
}
export { buildSearchText, queryGrams, searchGrams, SEARCH_TEXT_MAX_LENGTH } from './search-text';
