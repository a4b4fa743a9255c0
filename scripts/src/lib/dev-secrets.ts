import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Secrets for a local run, generated once per machine and kept under .data (never in git).
 * Production takes the same variables from its own environment.
 */
const GENERATED = ['MEMBER_CODE_SECRET', 'COUPON_CODE_SECRET', 'PICKUP_CODE_SECRET'] as const;

export function loadOrCreateDevSecrets(dir: string): Record<(typeof GENERATED)[number], string> {
  const file = path.join(dir, 'secrets.json');
  const existing = fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, string>) : {};
  const secrets = Object.fromEntries(GENERATED.map((name) => [name, existing[name] ?? randomBytes(32).toString('hex')]));
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets as Record<(typeof GENERATED)[number], string>;
}
