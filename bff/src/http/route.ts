import type Router from '@koa/router';
import type { OpenAPIRegistry, RouteConfig } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { ErrorBodySchema } from '../openapi';
import type { AppContext, AppState } from './context';
import type { RequestLimit } from './rate-limit';

type RouteParameter = NonNullable<RouteConfig['request']>['query'];
type Method = 'get' | 'post' | 'patch' | 'put' | 'delete';
type Schema = z.ZodType | undefined;
type Out<S extends Schema> = S extends z.ZodType ? z.output<S> : undefined;

export type RouteSpec<B extends Schema, Q extends Schema, P extends Schema> = {
  method: Method;
  /** Koa path syntax (`/api/orders/:id`); converted to `{id}` for the OpenAPI document. */
  path: string;
  summary: string;
  tags: string[];
  /** Documented only: enforcement is the handler's `requireMemberId` / staff guards. */
  auth?: boolean;
  body?: B;
  query?: Q;
  params?: P;
  /** Documented request headers (e.g. Idempotency-Key); handlers read and validate them. */
  headers?: z.ZodObject;
  response?: z.ZodType;
  status?: number;
  /** Checked before validation (http/rate-limit.ts); documents the 429 with its Retry-After. */
  rateLimit?: RequestLimit;
};

export type RouteInput<B extends Schema, Q extends Schema, P extends Schema> = { body: Out<B>; query: Out<Q>; params: Out<P> };

/**
 * Declares a route once: the zod schemas validate the request (400 VALIDATION_FAILED on failure)
 * and feed the OpenAPI document, so the contract cannot drift from the code.
 */
export function route<B extends Schema = undefined, Q extends Schema = undefined, P extends Schema = undefined>(
  router: Router<AppState>,
  registry: OpenAPIRegistry,
  spec: RouteSpec<B, Q, P>,
  handler: (ctx: AppContext, input: RouteInput<B, Q, P>) => unknown,
): void {
  registry.registerPath(toOpenApi(spec));
  router[spec.method](spec.path, async (ctx) => {
    if (spec.rateLimit) await spec.rateLimit.check(ctx as AppContext);
    const input = {
      body: spec.body ? spec.body.parse(ctx.request.body ?? {}) : undefined,
      query: spec.query ? spec.query.parse(ctx.query) : undefined,
      params: spec.params ? spec.params.parse(ctx.params) : undefined,
    } as RouteInput<B, Q, P>;
    const result = await handler(ctx as AppContext, input);
    if (ctx.body === undefined || ctx.body === null) {
      ctx.status = spec.status ?? (result === undefined ? 204 : 200);
      if (result !== undefined) ctx.body = result;
    }
  });
}

function toOpenApi(spec: RouteSpec<Schema, Schema, Schema>): RouteConfig {
  const json = (schema: z.ZodType) => ({ 'application/json': { schema } });
  const request: RouteConfig['request'] = {};
  if (spec.body) request.body = { content: json(spec.body) };
  // Query and path schemas are always z.object(...) in our routes.
  if (spec.query) request.query = spec.query as RouteParameter;
  if (spec.params) request.params = spec.params as RouteParameter;
  if (spec.headers) request.headers = spec.headers as RouteParameter;
  const ok = spec.status ?? 200;
  return {
    method: spec.method,
    path: spec.path.replace(/:(\w+)/g, '{$1}'),
    summary: spec.summary,
    tags: spec.tags,
    security: spec.auth ? [{ bearer: [] }] : undefined,
    request,
    responses: {
      [ok]: spec.response ? { description: 'OK', content: json(spec.response) } : { description: 'OK' },
      ...(spec.rateLimit && {
        429: {
          description: 'RATE_LIMITED: too many requests from this IP, member or device',
          headers: { 'Retry-After': { description: 'Seconds until the window ends', schema: { type: 'integer' } } },
          content: json(ErrorBodySchema),
        },
      }),
      default: { description: 'Error', content: json(ErrorBodySchema) },
    },
  };
}
