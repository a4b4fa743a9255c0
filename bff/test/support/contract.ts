/**
 * The contract holds in every BFF test (jest setupFilesAfterEnv): each app a test builds checks
 * every answer of a documented route against the zod schema the route declares for it — the
 * schema the OpenAPI document and the mini-program's generated types come from. A field of the
 * wrong type, a value outside its enum, a missing field or one the schema does not declare, and
 * an error code outside ErrorCode fail the test file.
 */
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import type { Middleware } from 'koa';
import type { ZodType } from 'zod';
import * as appModule from '../../src/app';
import * as openapiModule from '../../src/openapi';

type Documented = { method: string; path: string; responses: Map<number, ZodType> };

const violations: string[] = [];

const realBuildApp = appModule.buildApp;
const realCreateRegistry = openapiModule.createOpenApiRegistry;

jest.spyOn(appModule, 'buildApp').mockImplementation((deps) => {
  let registry: OpenAPIRegistry | undefined;
  const spy = jest.spyOn(openapiModule, 'createOpenApiRegistry').mockImplementation(() => (registry = realCreateRegistry()));
  try {
    const app = realBuildApp(deps);
    if (registry) app.middleware.unshift(contractCheck(documentedRoutes(registry)));
    return app;
  } finally {
    spy.mockRestore();
  }
});

afterAll(() => {
  if (violations.length === 0) return;
  const unique = [...new Set(violations)];
  throw new Error(`Answers that break the documented contract (the route's response schema):\n${unique.map((v) => `  ${v}`).join('\n')}`);
});

function documentedRoutes(registry: OpenAPIRegistry): Documented[] {
  return registry.definitions.flatMap((definition) => {
    if (definition.type !== 'route') return [];
    const { method, path, responses } = definition.route;
    const schemas = new Map<number, ZodType>();
    for (const [status, response] of Object.entries(responses)) {
      const media = 'content' in response ? response.content?.['application/json'] : undefined;
      const schema: unknown = media && 'schema' in media ? media.schema : undefined;
      if (status !== 'default' && schema && typeof (schema as ZodType).safeParse === 'function')
        schemas.set(Number(status), schema as ZodType);
    }
    return [{ method: method.toUpperCase(), path, responses: schemas }];
  });
}

function contractCheck(routes: Documented[]): Middleware {
  return async (ctx, next) => {
    await next();
    const matched = (ctx as { _matchedRoute?: string })._matchedRoute;
    const path = typeof matched === 'string' ? matched.replace(/:(\w+)/g, '{$1}') : undefined;
    const route = routes.find((r) => r.method === ctx.method && r.path === path);
    if (!route) return;
    const where = `${ctx.method} ${route.path} → ${ctx.status}`;
    const schema = route.responses.get(ctx.status);
    if (schema) check(where, schema, ctx.body);
    else if (ctx.status >= 400) check(where, openapiModule.ErrorBodySchema, ctx.body);
    else if (ctx.status !== 204 && route.responses.size > 0) violations.push(`${where}: a status the route does not document`);
  };
}

function check(where: string, schema: ZodType, body: unknown): void {
  // What the client receives: dates and the like as JSON has them.
  const sent: unknown = body === undefined ? undefined : JSON.parse(JSON.stringify(body));
  const parsed = schema.safeParse(sent);
  if (!parsed.success) {
    violations.push(`${where}: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`).join('; ')}`);
    return;
  }
  for (const extra of undeclared(sent, parsed.data, '')) violations.push(`${where}: ${extra} is sent but not in the schema`);
}

/** Keys the body has that parsing dropped (zod objects strip keys they do not declare). */
function undeclared(sent: unknown, kept: unknown, path: string): string[] {
  if (Array.isArray(sent) && Array.isArray(kept)) return sent.flatMap((item, i) => undeclared(item, kept[i], `${path}[${i}]`));
  if (!isObject(sent) || !isObject(kept)) return [];
  return Object.keys(sent).flatMap((key) =>
    key in kept ? undeclared(sent[key], kept[key], path ? `${path}.${key}` : key) : [path ? `${path}.${key}` : key],
  );
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
