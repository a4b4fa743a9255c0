import type { Middleware } from 'koa';
import type { Redis } from '../redis';
import { resumeSession } from './sessions';
import type { AppContext, AppState } from './context';
import { errors } from './errors';

/** Resolves `Authorization: Bearer <token>` to a member when present; never rejects by itself. */
export function authenticate(redis: Redis, ttlSeconds: number, keyPrefix?: string): Middleware<AppState> {
  return async (ctx, next) => {
    const token = bearerToken(ctx.get('authorization'));
    if (token) {
      const session = await resumeSession(redis, token, ttlSeconds, keyPrefix);
      if (session) ctx.state.auth = { memberId: session.memberId, token };
    }
    await next();
  };
}

/** The signed-in member's id, or 401 for anonymous requests. */
export function requireMemberId(ctx: AppContext): number {
  if (!ctx.state.auth) throw errors.unauthenticated();
  return ctx.state.auth.memberId;
}

function bearerToken(header: string): string | undefined {
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  return match?.[1];
}
