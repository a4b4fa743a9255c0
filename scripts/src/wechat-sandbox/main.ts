import path from 'node:path';
import { ROOT } from '../lib/paths';
import { startSandbox } from './app';
import type { PayMode } from './credentials';
import { loadOrCreateCredentials } from './credentials';

/**
 * `npm run dev` starts this: the sandbox on SANDBOX_PORT (3100) with credentials cached under
 * SANDBOX_CREDENTIALS_DIR (default .data/dev/wechat), so the BFF's env stays valid across
 * restarts. The dev runner gives the BFF `credentialsEnv(loadOrCreateCredentials(dir), mode)`.
 * SANDBOX_NOTIFY_TIME_SCALE (1) multiplies WeChat's notification retry schedule and
 * SANDBOX_REFUND_SETTLE_MS (1000) is how long a refund stays PROCESSING; the fault suite
 * shortens both so a retried notification lands within seconds.
 */
async function main(): Promise<void> {
  const port = Number(process.env.SANDBOX_PORT ?? 3100);
  const dir = process.env.SANDBOX_CREDENTIALS_DIR ?? path.join(ROOT, '.data', 'dev', 'wechat');
  const payMode = (process.env.SANDBOX_PAY_MODE ?? 'public_key') as PayMode;
  if (payMode !== 'public_key' && payMode !== 'certificate')
    throw new Error(`SANDBOX_PAY_MODE must be public_key or certificate, not ${payMode}`);
  const credentials = await loadOrCreateCredentials(dir);
  const notifyTimeScale = Number(process.env.SANDBOX_NOTIFY_TIME_SCALE ?? 1);
  const refundSettleMs = Number(process.env.SANDBOX_REFUND_SETTLE_MS ?? 1000);
  if (!(notifyTimeScale > 0) || !(refundSettleMs >= 0))
    throw new Error('SANDBOX_NOTIFY_TIME_SCALE must be > 0, SANDBOX_REFUND_SETTLE_MS ≥ 0');
  const sandbox = await startSandbox({ credentials, payMode, port, notifyTimeScale, refundSettleMs });
  console.log(`wechat sandbox listening on ${sandbox.url} (pay mode ${payMode}, appid ${credentials.appid}, mchid ${credentials.mchid})`);
  const stop = () => void sandbox.close().then(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
