import type { Middleware } from 'koa';
import type { RequestState } from './context';

const MAX_BODY_BYTES = 2 * 1024 * 1024;

/**
 * Reads the body as bytes and parses nothing: WeChat Pay signatures cover the exact bytes sent,
 * so no body parser may re-serialise it before verification. Handlers parse JSON themselves.
 */
export function rawBody(): Middleware<RequestState> {
  return async (ctx, next) => {
    const chunks: Buffer[] = [];
    let size = 0;
    if (ctx.method !== 'GET' && ctx.method !== 'HEAD') {
      for await (const chunk of ctx.req) {
        const buf = chunk as Buffer;
        size += buf.length;
        if (size > MAX_BODY_BYTES) ctx.throw(413, 'body too large');
        chunks.push(buf);
      }
    }
    ctx.state.rawBody = Buffer.concat(chunks);
    await next();
  };
}

/** Parses a JSON object body; undefined when it is not one. */
export function jsonObject(raw: Buffer): Record<string, unknown> | undefined {
  if (raw.length === 0) return undefined;
  try {
    const parsed: unknown = JSON.parse(raw.toString('utf8'));
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The /sandbox/* controls are called from the H5 dev build in a browser, on another origin.
 * Any origin is fine: the controls exist only in dev and tests.
 */
export function controlsCors(): Middleware<RequestState> {
  return async (ctx, next) => {
    if (!ctx.path.startsWith('/sandbox/')) return next();
    ctx.set('Access-Control-Allow-Origin', ctx.get('Origin') || '*');
    ctx.set('Vary', 'Origin');
    if (ctx.method === 'OPTIONS') {
      ctx.set('Access-Control-Allow-Methods', 'GET, POST, DELETE, OPTIONS');
      ctx.set('Access-Control-Allow-Headers', ctx.get('Access-Control-Request-Headers') || 'Content-Type');
      ctx.set('Access-Control-Max-Age', '600');
      ctx.status = 204;
      return;
    }
    await next();
  };
}

export function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** Length in UTF-8 bytes: WeChat's string(n) limits are byte lengths (the stricter reading). */
export function utf8Length(value: string): number {
  return Buffer.byteLength(value, 'utf8');
}
