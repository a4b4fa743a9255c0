import http from 'node:http';
import type { AddressInfo } from 'node:net';
import Router from '@koa/router';
import Koa from 'koa';
import type { RequestState, SandboxDeps, SandboxOptions } from './context';
import { controlRoutes } from './controls';
import { Faults } from './faults';
import { controlsCors, rawBody } from './http';
import { codeRoutes } from './mini-program/codes';
import { phoneRoutes } from './mini-program/phone';
import { sessionRoutes } from './mini-program/session';
import { subscribeRoutes } from './mini-program/subscribe';
import { tokenRoutes } from './mini-program/tokens';
import { Notifier } from './notifier';
import { certificateRoutes } from './pay/certificates';
import { payGateway } from './pay/gateway';
import { refundRoutes } from './pay/refunds';
import { transactionRoutes } from './pay/transactions';
import { Scheduler } from './scheduler';
import { createState, type SandboxState } from './state';

export type { SandboxOptions } from './context';

/**
 * The local WeChat sandbox: a peer that speaks WeChat's real protocols (the mini-program server
 * APIs of api.weixin.qq.com and WeChat Pay v3 of api.mch.weixin.qq.com, on one origin) so the
 * BFF's production adapters run unchanged with only WECHAT_API_BASE / WECHATPAY_API_BASE pointing
 * here, plus /sandbox/* controls for tests. Dev and tests only; never mounted in production.
 */
export function buildSandbox(options: SandboxOptions): { app: Koa<RequestState>; state: SandboxState; close: () => void } {
  const state = createState();
  const scheduler = new Scheduler();
  const faults = new Faults(state);
  const wallClock = options.now ?? (() => new Date());
  const now = () => new Date(wallClock().getTime() + state.clockOffsetMs);
  const notifyTimeScale = options.notifyTimeScale ?? 1;
  const notifier = new Notifier({
    creds: options.credentials,
    payMode: options.payMode,
    state,
    faults,
    scheduler,
    timeScale: notifyTimeScale,
    now,
  });
  const deps: SandboxDeps = {
    creds: options.credentials,
    payMode: options.payMode,
    tokenTtlSeconds: options.tokenTtlSeconds ?? 7200,
    notifyTimeScale,
    refundSettleMs: options.refundSettleMs ?? 1000,
    state,
    faults,
    scheduler,
    notifier,
    now,
  };

  const app = new Koa<RequestState>();
  app.use(unexpectedErrors());
  app.use(controlsCors());
  app.use(rawBody());
  app.use(payGateway(deps));

  const wechat = new Router<RequestState>();
  sessionRoutes(wechat, deps);
  tokenRoutes(wechat, deps);
  phoneRoutes(wechat, deps);
  subscribeRoutes(wechat, deps);
  codeRoutes(wechat, deps);
  certificateRoutes(wechat, deps);
  transactionRoutes(wechat, deps);
  refundRoutes(wechat, deps);
  const controls = controlRoutes(deps);

  app.use(wechat.routes());
  app.use(controls.routes()).use(controls.allowedMethods());
  return { app, state, close: () => scheduler.close() };
}

/** Runs the sandbox on 127.0.0.1 (`port` 0 picks a free one). close() also cancels every timer. */
export async function startSandbox(
  options: SandboxOptions & { port?: number; host?: string },
): Promise<{ url: string; close: () => Promise<void>; state: SandboxState }> {
  const { app, state, close: stopTimers } = buildSandbox(options);
  const server = http.createServer(app.callback());
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${port}`,
    state,
    close: async () => {
      stopTimers();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Last-resort error handler: answers in the caller's protocol without leaking internals. */
function unexpectedErrors(): Koa.Middleware<RequestState> {
  return async (ctx, next) => {
    try {
      await next();
    } catch (err) {
      const status = (err as { status?: number }).status ?? 500;
      if (status >= 500) console.error('[wechat-sandbox] request failed', err);
      ctx.status = status;
      ctx.body = ctx.path.startsWith('/sandbox/')
        ? { code: status >= 500 ? 'INTERNAL' : 'BAD_REQUEST', message: status >= 500 ? '沙箱内部错误' : String((err as Error).message) }
        : { errcode: -1, errmsg: 'system error' };
    }
  };
}
