import { spawnSync } from 'node:child_process';
import { ROOT, TSX, TSX_SOURCE_FLAGS } from '../src/lib/paths';

/**
 * CI fails while miniapp/src/services/api.gen.ts lags behind the BFF's schemas. The check runs
 * `npm run check:api`'s script in a child: it builds the OpenAPI document and the types in memory
 * and compares them with the committed file (openapi-typescript loads ESM-only packages, which
 * jest's module runtime cannot).
 */
test('the mini-program API types are what the BFF generates now (else run `npm run gen:api`)', () => {
  const check = spawnSync(TSX, [...TSX_SOURCE_FLAGS, 'scripts/src/gen-api.ts', '--check'], { cwd: ROOT, encoding: 'utf8' });
  if (check.status !== 0) throw new Error(`${check.stderr.trim() || check.stdout.trim()}`);
  expect(check.stdout).toContain('matches');
});
