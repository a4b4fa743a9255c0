/**
 * The client address behind our proxy (TRUSTED_PROXY_HOPS, app.ts): the per-IP request limits key
 * on it, so a client must not pick it by writing its own X-Forwarded-For entries in front of the
 * one our proxy appends.
 */
import request from 'supertest';
import { buildApp } from '../../src/app';
import { createTestDeps, type TestDeps } from '../support/deps';
import { startTestSandbox, type TestSandbox } from '../support/sandbox';

describe('client address behind one proxy', () => {
  let sandbox: TestSandbox;
  let deps: TestDeps;
  let server: ReturnType<ReturnType<typeof buildApp>['callback']>;

  beforeAll(async () => {
    sandbox = await startTestSandbox();
    deps = await createTestDeps({
      label: 'client_address',
      wechat: sandbox.wechat,
      env: {
        TRUSTED_PROXY_HOPS: '1',
        RATE_LIMIT_LOGIN_PER_IP: '2',
      },
    });
    server = buildApp(deps).callback();
  });
  afterAll(async () => {
    await deps.close();
    await sandbox.close();
  });

  const login = (forwardedFor: string, device: string) =>
    request(server)
      .post('/api/auth/login')
      .set('X-Forwarded-For', forwardedFor)
      .set('User-Agent', device)
      .send({ code: 'not-a-real-code' });

  it('counts the address the proxy saw, whatever the client wrote before it', async () => {
    // Each attempt claims another address of its own in front of the proxy's entry.
    expect((await login('10.0.0.1, 203.0.113.7', 'phone-a')).status).toBe(401);
    expect((await login('10.0.0.2, 203.0.113.7', 'phone-b')).status).toBe(401);
    const third = await login('10.0.0.3, 203.0.113.7', 'phone-c');
    expect(third.status).toBe(429);
    expect(third.body.code).toBe('RATE_LIMITED');
  });

  it('gives another client behind the same proxy its own budget', async () => {
    expect((await login('198.51.100.9', 'phone-d')).status).toBe(401);
  });
});
