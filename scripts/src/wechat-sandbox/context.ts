import type { ParameterizedContext } from 'koa';
import type { PayMode, SandboxCredentials } from './credentials';
import type { Faults } from './faults';
import type { Notifier } from './notifier';
import type { Scheduler } from './scheduler';
import type { SandboxState } from './state';

export type SandboxOptions = {
  credentials: SandboxCredentials;
  payMode: PayMode;
  /** Lifetime of access tokens (WeChat: 7200). */
  tokenTtlSeconds?: number;
  /** Multiplies WeChat's notification retry schedule (15 s … 6 h); tests use e.g. 0.001. */
  notifyTimeScale?: number;
  /** How long a refund stays PROCESSING before it succeeds. */
  refundSettleMs?: number;
  /** The wall clock; POST /sandbox/clock adds an offset on top. */
  now?: () => Date;
};

/** What every route module receives: passed explicitly, no module-level singletons. */
export type SandboxDeps = {
  creds: SandboxCredentials;
  payMode: PayMode;
  tokenTtlSeconds: number;
  notifyTimeScale: number;
  refundSettleMs: number;
  state: SandboxState;
  faults: Faults;
  scheduler: Scheduler;
  notifier: Notifier;
  /** WeChat's clock: the wall clock plus the offset from POST /sandbox/clock. */
  now: () => Date;
};

/** Typed per-request state: the raw body is kept because WeChat Pay signs the exact bytes. */
export type RequestState = { rawBody: Buffer };
export type SandboxContext = ParameterizedContext<RequestState>;
