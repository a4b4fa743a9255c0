import http from 'node:http';
import { seedDemo } from '@shop/db/seed';
import { buildApp } from '../../../bff/src/app';
import { createTestDeps, type TestDeps } from '../../../bff/test/support/deps';
import { startTestSandbox, type TestSandbox } from '../../../bff/test/support/sandbox';
import { freePort } from '../lib/processes';
import { H5_DIST, serveStatic, type StaticServer } from './harness';

/**
 * The whole product for a browser test, nothing stubbed: a fresh seeded database on the run's
 * MariaDB, the run's Redis, the WeChat sandbox, the BFF on a free port and the H5 build served
 * with those endpoints. Only the WeChat peer is a stand-in, as in dev.
 */
export type Stack = { appUrl: string; apiBase: string; sandbox: TestSandbox; deps: TestDeps; close: () => Promise<void> };

export async function startStack(label: string): Promise<Stack> {
  const sandbox = await startTestSandbox();
  const appUrl = `http://127.0.0.1:${await freePort()}`;
  const apiPort = await freePort();
  const apiBase = `http://127.0.0.1:${apiPort}`;
  // PUBLIC_BASE_URL: the sandbox posts WeChat Pay notifications back to this BFF.
  const deps = await createTestDeps({ label, wechat: sandbox.wechat, env: { CORS_ORIGINS: appUrl, PUBLIC_BASE_URL: apiBase } });
  await seedDemo(deps.db);

  const api = http.createServer(buildApp(deps).callback());
  await new Promise<void>((ready) => api.listen(apiPort, '127.0.0.1', ready));
  let web: StaticServer | undefined;
  try {
    web = await serveStatic(H5_DIST, Number(new URL(appUrl).port), { apiBase, sandboxBase: sandbox.url });
  } catch (err) {
    await Promise.all([closeServer(api), deps.close(), sandbox.close()]);
    throw err;
  }
  return {
    appUrl,
    apiBase,
    sandbox,
    deps,
    close: async () => {
      await web?.close();
      await closeServer(api);
      await deps.close();
      await sandbox.close();
    },
  };
}

function closeServer(server: http.Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((done) => server.close(() => done()));
}
