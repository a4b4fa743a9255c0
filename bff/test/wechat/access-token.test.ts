import { createTestDeps, type TestDeps } from '../support/deps';
import { startTestSandbox, type TestSandbox } from '../support/sandbox';
import { createMiniProgramApi } from '../../src/wechat/mini-program';

describe('WeChat access token: cached in Redis, shared, refreshed without stampede', () => {
  let sandbox: TestSandbox;
  let deps: TestDeps;

  beforeAll(async () => {
    sandbox = await startTestSandbox();
    deps = await createTestDeps({ label: 'token', wechat: sandbox.wechat });
  });
  afterAll(async () => {
    await deps.close();
    await sandbox.close();
  });

  const tokensIssued = () => sandbox.state.tokensIssued;

  it('fetches one token for 30 concurrent calls across 3 "processes", then reuses it', async () => {
    // Three adapters on the same Redis stand in for three BFF processes.
    const processes = [0, 1, 2].map(() => createMiniProgramApi(sandbox.wechat, deps.redis));
    const before = tokensIssued();
    const phones = await Promise.all(
      Array.from({ length: 30 }, async (_, i) => {
        const code = await sandbox.phoneCode(`o-token-${i}`, `1390000${String(i).padStart(4, '0')}`);
        return processes[i % 3].getPhoneNumber(code);
      }),
    );
    expect(phones).toHaveLength(30);
    expect(tokensIssued() - before).toBe(1);

    await processes[0].getPhoneNumber(await sandbox.phoneCode('o-token-again', '13900009999'));
    expect(tokensIssued() - before).toBe(1);
  });

  it('refreshes once when WeChat says the cached token expired (42001), and the call still succeeds', async () => {
    const api = createMiniProgramApi(sandbox.wechat, deps.redis);
    await api.getPhoneNumber(await sandbox.phoneCode('o-exp-0', '13900000000'));
    const before = tokensIssued();
    // WeChat's clock moves past the token's lifetime while our cache still holds it.
    await fetch(`${sandbox.url}/sandbox/clock`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ advanceSeconds: 7300 }),
    });
    const phone = await api.getPhoneNumber(await sandbox.phoneCode('o-exp-1', '13900000001'));
    expect(phone.purePhoneNumber).toBe('13900000001');
    expect(tokensIssued() - before).toBe(1);
  });
});
