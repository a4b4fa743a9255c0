import { createClient } from 'redis';
import { createDatabase } from '@shop/db';
import { sql } from 'drizzle-orm';
import { toResponse } from '../../src/http/error-middleware';
import { freePort } from '../../../scripts/src/lib/processes';
import { createTestDatabase, type TestDatabase } from '@shop/db/testing';

/** Real failures of the real drivers (no mocks): which are "try again later" and which are bugs. */
describe('errors of an unreachable MariaDB or Redis answer 503, not 500', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase('unavailable', { migrate: false });
  });
  afterAll(async () => {
    await database.drop();
  });

  it('MariaDB refusing connections (drizzle wraps the driver error)', async () => {
    const down = createDatabase(`mysql://root@127.0.0.1:${await freePort()}/shop`, { connectionLimit: 1 });
    try {
      const err = await down.db.execute(sql`SELECT 1`).catch((e: unknown) => e);
      expect(toResponse(err)).toEqual({ status: 503, body: { code: 'SERVICE_UNAVAILABLE', message: '服务暂时不可用，请稍后再试' } });
    } finally {
      await down.close();
    }
  });

  it('a connection killed under a query', async () => {
    const conn = await database.pool.getConnection();
    try {
      const [[row]] = (await conn.query('SELECT CONNECTION_ID() AS id')) as unknown as [[{ id: number }]];
      await database.db.execute(sql.raw(`KILL ${row.id}`));
      const err = await conn.query('SELECT 1').catch((e: unknown) => e);
      expect(toResponse(err).status).toBe(503);
    } finally {
      conn.destroy();
    }
  });

  it('Redis closed or unreachable', async () => {
    const client = createClient({
      url: `redis://127.0.0.1:${await freePort()}`,
      disableOfflineQueue: true,
      socket: { reconnectStrategy: false },
    });
    const connectErr = await client.connect().catch((e: unknown) => e);
    expect(toResponse(connectErr).status).toBe(503);
    const commandErr = await client.get('x').catch((e: unknown) => e);
    expect(toResponse(commandErr).status).toBe(503);
  });

  it('but a bad query is still a 500 with no detail', async () => {
    const err = await database.db.execute(sql`SELECT * FROM no_such_table`).catch((e: unknown) => e);
    expect(toResponse(err)).toEqual({ status: 500, body: { code: 'INTERNAL_ERROR', message: '服务繁忙，请稍后再试' } });
  });
});
