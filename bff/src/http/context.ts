import type { ParameterizedContext } from 'koa';
import type { Logger } from '../logger';

/** What middleware puts on ctx.state; typed so handlers never reach into an untyped bag. */
export type AppState = {
  requestId: string;
  log: Logger;
  /** Set by the authenticate middleware for requests with a live session. */
  auth?: { memberId: number; token: string };
};

export type AppContext = ParameterizedContext<AppState>;
