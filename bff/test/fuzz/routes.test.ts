/**
 * Fuzzes every route of the BFF's OpenAPI document (so a new route is covered without touching
 * this file) with generated path ids, query strings and bodies: wrong types, missing fields,
 * negative, fractional and huge numbers, 2^53 + 1, SQL and HTML injections, emoji, NUL, lone
 * surrogates, broken percent escapes, a 1 MB body and malformed JSON. Each route is called
 * anonymously, as a signed-in customer, and as staff or head office where its path says so.
 *
 * What must hold, for every request:
 * - never a 5xx, and never a hang (each request has a deadline);
 * - a refusal is 4xx with `{ code, message }` and a Chinese message (docs/domain.md#money-and-time);
 * - writes with a broken body or path are always refused (4xx); reads may answer 2xx;
 * - nothing is written: the row count of every table (from information_schema) is the same
 *   after each route's runs as before.
 *
 * Deterministic: a fixed seed (FUZZ_SEED overrides it, FUZZ_RUNS the runs per route and
 * caller); fast-check prints the seed, the path and the counterexample of a failure.
 */
import { sql } from 'drizzle-orm';
import { seedDemo } from '@shop/db/seed';
import fc from 'fast-check';
import request from 'supertest';
import { buildApp } from '../../src/app';
import { createTestDeps, type TestDeps } from '../support/deps';
import { startTestSandbox, type TestSandbox } from '../support/sandbox';
import { brokenBody, deref, queryString, resolverOf, toJson, NASTY_PATH_VALUES, type JsonSchema } from './generate';

const SEED = Number(process.env.FUZZ_SEED ?? 20261203);
const RUNS = Number(process.env.FUZZ_RUNS ?? 8);
const REQUEST_DEADLINE_MS = 5_000;
const CJK = /[\u4e00-\u9fff]/;

type Caller = 'anonymous' | 'customer' | 'clerk' | 'manager' | 'admin';
type Operation = {
  method: 'get' | 'post' | 'patch' | 'put' | 'delete';
  path: string;
  pathParams: string[];
  queryParams: string[];
  body?: JsonSchema;
};
type Headers = { idempotencyKey?: string; authorization?: string };
type OpenApiDocument = {
  paths: Record<
    string,
    Record<string, { parameters?: { name: string; in: string }[]; requestBody?: { content: Record<string, { schema: JsonSchema }> } }>
  >;
  components?: { schemas?: Record<string, JsonSchema> };
};

describe('route fuzz', () => {
  let sandbox: TestSandbox;
  let deps: TestDeps;
  let server: ReturnType<ReturnType<typeof buildApp>['callback']>;
  let doc: OpenApiDocument;
  const sessions: Partial<Record<Caller, string>> = {};

  beforeAll(async () => {
    sandbox = await startTestSandbox();
    deps = await createTestDeps({ label: 'fuzz', wechat: sandbox.wechat });
    await seedDemo(deps.db, new Date());
    server = buildApp(deps).callback();
    for (const [caller, openid] of [
      ['customer', 'fuzz-customer'],
      ['clerk', 'demo-clerk-1'],
      ['manager', 'demo-manager-1'],
      ['admin', 'demo-admin'],
    ] as const) {
      const res = await request(server)
        .post('/api/auth/login')
        .send({ code: await sandbox.loginCode(openid) });
      sessions[caller] = res.body.token;
    }
    doc = (await request(server).get('/api/openapi.json')).body;
  }, 60_000);
  afterAll(async () => {
    await deps.close();
    await sandbox.close();
  });

  /** Row counts of every table of this database, read from information_schema. */
  async function rowCounts(): Promise<Record<string, number>> {
    const [tables] = (await deps.db.execute(
      sql`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = DATABASE() AND table_type = 'BASE TABLE' ORDER BY table_name`,
    )) as unknown as [{ name: string }[]];
    const counts = sql.join(
      tables.map(({ name }) => sql`SELECT ${name} AS name, COUNT(*) AS n FROM ${sql.identifier(name)}`),
      sql` UNION ALL `,
    );
    const [rows] = (await deps.db.execute(counts)) as unknown as [{ name: string; n: number | string }[]];
    return Object.fromEntries(rows.map((row) => [row.name, Number(row.n)]));
  }

  function operations(): Operation[] {
    const resolve = resolverOf(doc);
    return Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, op]) => {
        const parameters = op.parameters ?? [];
        const body = op.requestBody?.content['application/json']?.schema;
        return {
          method: method as Operation['method'],
          path,
          pathParams: parameters.filter((p) => p.in === 'path').map((p) => p.name),
          queryParams: parameters.filter((p) => p.in === 'query').map((p) => p.name),
          body: body ? deref(body, resolve) : undefined,
        };
      }),
    );
  }

  function callersOf(op: Operation): Caller[] {
    if (op.path.startsWith('/api/admin/')) return ['anonymous', 'customer', 'admin'];
    if (op.path.startsWith('/api/staff/')) return ['anonymous', 'customer', 'clerk', 'manager', 'admin'];
    return ['anonymous', 'customer'];
  }

  /** Whether a generated request for this route is sure to be invalid (then it must be refused). */
  const breakable = (op: Operation) =>
    op.pathParams.length > 0 || (op.body?.properties !== undefined && Object.keys(op.body.properties).length > 0);

  async function send(
    op: Operation,
    caller: Caller,
    url: string,
    body: string | undefined,
    contentType = 'application/json',
    headers: Headers = {},
  ): Promise<{ status: number; body: unknown; text: string }> {
    let call = request(server)[op.method](url).timeout({ response: REQUEST_DEADLINE_MS, deadline: REQUEST_DEADLINE_MS });
    const token = sessions[caller];
    if (caller !== 'anonymous' && token) call = call.set('Authorization', `Bearer ${token}`);
    call = call.set('Idempotency-Key', headers.idempotencyKey ?? 'fuzz-key-00000001');
    if (caller === 'anonymous' && headers.authorization !== undefined) call = call.set('Authorization', headers.authorization);
    if (body !== undefined) call = call.set('Content-Type', contentType).send(body);
    try {
      const res = await call;
      return { status: res.status, body: res.body, text: res.text };
    } catch (err) {
      if ((err as { timeout?: number }).timeout)
        throw new Error(`no answer within ${REQUEST_DEADLINE_MS} ms: ${caller} ${op.method.toUpperCase()} ${url}`);
      throw err;
    }
  }

  function expectWellFormed(where: string, res: { status: number; body: unknown; text: string }, mustRefuse: boolean): void {
    const what = `${where} → ${res.status} ${res.text.slice(0, 300)}`;
    if (res.status >= 500) throw new Error(`server error: ${what}`);
    if (mustRefuse && (res.status < 400 || res.status >= 500)) throw new Error(`accepted a broken request: ${what}`);
    if (res.status >= 400) {
      const body = res.body as { code?: unknown; message?: unknown };
      if (typeof body?.code !== 'string' || typeof body.message !== 'string') throw new Error(`refusal without {code, message}: ${what}`);
      if (!CJK.test(body.message)) throw new Error(`refusal message not in Chinese: ${what}`);
      const details = (body as { details?: unknown }).details;
      if (Array.isArray(details) && details.some((d: { message?: unknown }) => typeof d?.message !== 'string' || !CJK.test(d.message)))
        throw new Error(`validation details not in Chinese: ${what}`);
    }
  }

  /** Idempotency keys and, for anonymous calls, Authorization headers that are not what they should be. */
  const headerValues: fc.Arbitrary<Headers> = fc.record(
    {
      idempotencyKey: fc.constantFrom('', 'short', "' OR '1'='1", '<script>alert(1)</script>', 'k'.repeat(5000), '../../etc', '%00%0d%0a'),
      authorization: fc.constantFrom(
        'Bearer ',
        'Bearer null',
        `Bearer ${'t'.repeat(5000)}`,
        "Bearer ' OR 1=1 --",
        'Basic YWRtaW46YWRtaW4=',
        'bearer',
      ),
    },
    { requiredKeys: [] },
  );

  function isId(segment: string): boolean {
    let decoded: string;
    try {
      decoded = decodeURIComponent(segment);
    } catch {
      return false;
    }
    const value = Number(decoded);
    return decoded.trim() !== '' && Number.isSafeInteger(value) && value > 0;
  }

  function fillPath(op: Operation, value: string): string {
    return op.path.replace(/\{(\w+)\}/g, () => value);
  }

  it('covers every documented route', () => {
    const ops = operations();
    expect(ops.length).toBeGreaterThan(60);
    expect(ops.map((op) => `${op.method.toUpperCase()} ${op.path}`)).toContain('POST /api/orders');
  });

  it('refuses broken requests to every route in Chinese, never fails with a 5xx or hangs, and writes nothing', async () => {
    const resolve = resolverOf(doc);
    const started = Date.now();
    let requests = 0;
    for (const op of operations()) {
      const where = `${op.method.toUpperCase()} ${op.path}`;
      const before = await rowCounts();
      const bodyBroken = op.body?.properties !== undefined && Object.keys(op.body.properties).length > 0;
      const mustRefuse = (idBroken: boolean) => op.method !== 'get' && (bodyBroken || idBroken);
      for (const caller of callersOf(op)) {
        // Writes that nothing in the request can break (no path id, no body fields) are only sent anonymously:
        // a signed-in caller may rightly be answered 2xx.
        if (op.method !== 'get' && !breakable(op) && caller !== 'anonymous') continue;
        const pathValue = op.pathParams.length > 0 ? fc.constantFrom(...NASTY_PATH_VALUES) : fc.constant('');
        const bodyValue = op.body ? brokenBody(op.body, resolve).map(toJson) : fc.constant(undefined);
        await fc.assert(
          fc.asyncProperty(pathValue, queryString(op.queryParams), bodyValue, headerValues, async (pathPart, query, body, headers) => {
            requests += 1;
            const url = `${fillPath(op, pathPart)}${query ? `?${query}` : ''}`;
            const res = await send(op, caller, url, body, 'application/json', headers);
            // Path ids go through z.coerce.number(): '1e3', ' 1' and '0x1F' are ids 1000, 1 and 31.
            const idBroken = op.pathParams.length > 0 && !isId(pathPart);
            expectWellFormed(
              `${caller} ${op.method.toUpperCase()} ${url} body=${body?.slice(0, 200)}`,
              res,
              mustRefuse(idBroken) || (caller === 'anonymous' && op.method !== 'get'),
            );
          }),
          { seed: SEED, numRuns: RUNS, endOnFailure: true },
        );
        if (op.method !== 'get') {
          // The same special bodies for every write: too large, not JSON, not an object, another content type.
          // Path id 0 (never valid): the body is what is refused, and nothing real is touched.
          const url = fillPath(op, '0');
          const formRefused = op.pathParams.length > 0 || (op.body?.required ?? []).length > 0;
          for (const [label, body, type] of [
            ['1 MB body', JSON.stringify({ pad: 'x'.repeat(1024 * 1024) }), 'application/json'],
            ['malformed JSON', '{"a": 1,', 'application/json'],
            ['JSON with NUL', '{"a":"\u0000"', 'application/json'],
            ['a JSON string', '"text"', 'application/json'],
            ['form-encoded', 'a=1&b=2', 'application/x-www-form-urlencoded'],
          ] as const) {
            // A form body reads as {}: a valid request where every field is optional (and may write).
            if (label === 'form-encoded' && !formRefused) continue;
            requests += 1;
            const res = await send(op, caller, url, body, type);
            expectWellFormed(`${caller} ${where} with ${label}`, res, true);
          }
        }
      }
      const after = await rowCounts();
      const written = Object.keys(after).filter((table) => after[table] !== before[table]);
      if (written.length > 0)
        throw new Error(`${where} wrote rows to ${written.map((t) => `${t} (${before[t]} → ${after[t]})`).join(', ')}`);
    }
    console.log(
      `route fuzz: ${requests} requests over ${operations().length} routes in ${Date.now() - started} ms (seed ${SEED}, ${RUNS} runs per route and caller)`,
    );
  }, 170_000);
});
