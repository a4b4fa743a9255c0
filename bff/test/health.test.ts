import path from 'node:path';
import { createDatabase } from '@shop/db';
import request from 'supertest';
import { buildApp } from '../src/app';
import { connectRedis } from '../src/redis';
import { freePort } from '../../scripts/src/lib/processes';
import { startRedis, type LocalServer } from '../../scripts/src/lib/services';
import { createTestDeps, type TestDeps } from './support/deps';
import { eventually } from './support/eventually';

describe('GET /healthz against real MariaDB and Redis', () => {
  let deps: TestDeps;
  let redisServer: LocalServer;
  let redisPort: number;
  const redisDir = path.resolve(__dirname, '..', '..', '.data', 'test', `health-redis-${process.pid}`);

  beforeAll(async () => {
    // A Redis of its own, so stopping it does not disturb the other test files.
    redisPort = await freePort();
    redisServer = await startRedis(redisDir, redisPort);
    deps = await createTestDeps({ redisUrl: redisServer.url, label: 'health' });
  });

  afterAll(async () => {
    await deps.close();
    await redisServer.stop();
  });

  it('is 200 when both answer', async () => {
    const res = await request(buildApp(deps).callback()).get('/healthz');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok', checks: { mysql: 'ok', redis: 'ok' } });
  });

  it('is 503 while Redis is down and 200 again once it is back', async () => {
    const server = buildApp(deps).callback();
    await redisServer.stop();

    await eventually(async () => {
      const res = await request(server).get('/healthz');
      expect(res.status).toBe(503);
      expect(res.body).toMatchObject({ status: 'unhealthy', code: 'UNHEALTHY', checks: { mysql: 'ok', redis: 'down' } });
    });

    redisServer = await startRedis(redisDir, redisPort);
    await eventually(async () => {
      const res = await request(server).get('/healthz');
      expect(res.status).toBe(200);
    });
  });

  it('is 503 when MariaDB is unreachable', async () => {
    const brokenDb = createDatabase(`mysql://root@127.0.0.1:${await freePort()}/nope`);
    const redis = await connectRedis(redisServer.url, deps.logger);
    try {
      const res = await request(buildApp({ ...deps, db: brokenDb.db, redis }).callback()).get('/healthz');
      expect(res.status).toBe(503);
      expect(res.body.checks).toEqual({ mysql: 'down', redis: 'ok' });
    } finally {
      await redis.quit();
      await brokenDb.close();
    }
  });
});
