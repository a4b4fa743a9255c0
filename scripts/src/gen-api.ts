/**
 * `npm run gen:api` writes miniapp/src/services/api.gen.ts from the BFF's OpenAPI document, built
 * in memory (no server, database or Redis). `npm run check:api` (`--check`) writes nothing and
 * exits 1 when the committed file differs from what the BFF's schemas generate now.
 */
import fs from 'node:fs';
import path from 'node:path';
import { API_TYPES_FILE, committedApiTypes, generateApiTypes, STALE_MESSAGE } from './lib/api-contract';
import { ROOT } from './lib/paths';

async function main(): Promise<number> {
  const generated = await generateApiTypes();
  const file = path.relative(ROOT, API_TYPES_FILE);
  if (process.argv.includes('--check')) {
    if (committedApiTypes() === generated) {
      console.log(`${file} matches the BFF's OpenAPI document.`);
      return 0;
    }
    console.error(STALE_MESSAGE);
    return 1;
  }
  if (committedApiTypes() === generated) {
    console.log(`${file} is up to date.`);
    return 0;
  }
  fs.writeFileSync(API_TYPES_FILE, generated);
  console.log(`Wrote ${file}.`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
