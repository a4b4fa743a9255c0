import fs from 'node:fs';
import path from 'node:path';
import { ERROR_CODES } from '../../src/contract/error-codes';
import { ErrorBodySchema } from '../../src/openapi';

const SRC = path.join(__dirname, '..', '..', 'src');

/** Codes in bff/src that are not error bodies of this API. */
const NOT_API_CODES: Record<string, string> = {
  FAIL: "the answer to WeChat Pay's notification callbacks (WeChat's format, not ours)",
};

/**
 * Error codes are given as a literal where an error is made (`errors.rule('CODE', …)`, `new
 * AppError(kind, 'CODE', …)`) or in a table of them (`{ code: 'CODE', message }`). A code passed
 * on from a variable must come from such a table: these are the places that do that.
 */
const CODE_FROM_A_TABLE = ['conflict.code', 'p.code', 'code'];

function sources(dir: string): { file: string; text: string }[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sources(full);
    return entry.name.endsWith('.ts') ? [{ file: path.relative(SRC, full), text: fs.readFileSync(full, 'utf8') }] : [];
  });
}

const LITERAL = [
  /errors\.[a-zA-Z]+\(\s*'([A-Z][A-Z0-9_]+)'/g,
  /new AppError\(\s*[^,()]+,\s*'([A-Z][A-Z0-9_]+)'/g,
  /\bcode: '([A-Z][A-Z0-9_]+)'/g,
];
const FROM_VARIABLE = [
  /errors\.(?:notFound|conflict|rule)\(\s*([a-zA-Z_][\w.]*)\s*[,)]/g,
  /new AppError\(\s*[^,()]+,\s*([a-zA-Z_][\w.]*)\s*,/g,
];

function codesInSource(): Map<string, string[]> {
  const found = new Map<string, string[]>();
  for (const { file, text } of sources(SRC)) {
    for (const pattern of LITERAL) {
      for (const [, code] of text.matchAll(pattern)) found.set(code, [...(found.get(code) ?? []), file]);
    }
  }
  return found;
}

describe('error codes', () => {
  const inSource = codesInSource();

  it('lists every code bff/src throws (add a new one to contract/error-codes.ts)', () => {
    const missing = [...inSource.keys()].filter((code) => !(code in NOT_API_CODES) && !(ERROR_CODES as readonly string[]).includes(code));
    expect(missing.map((code) => `${code} (${inSource.get(code)!.join(', ')})`)).toEqual([]);
  });

  it('lists no code that nothing throws any more', () => {
    expect(ERROR_CODES.filter((code) => !inSource.has(code))).toEqual([]);
    expect(new Set(ERROR_CODES).size).toBe(ERROR_CODES.length);
  });

  it('finds codes passed on from a variable only where they come from a table of literals', () => {
    const passedOn = sources(SRC).flatMap(({ file, text }) =>
      FROM_VARIABLE.flatMap((pattern) => [...text.matchAll(pattern)].map(([, expression]) => ({ file, expression }))),
    );
    expect(passedOn.filter(({ expression }) => !CODE_FROM_A_TABLE.includes(expression))).toEqual([]);
  });

  it('is the enum of the Error schema in the OpenAPI document', () => {
    expect(ErrorBodySchema.shape.code.options).toEqual([...ERROR_CODES]);
  });
});
