import Router from '@koa/router';
import Koa from 'koa';

/**
 * The local WeChat sandbox: a peer that speaks WeChat's real protocols so the BFF's production
 * adapters run unchanged with only WECHAT_API_BASE / WECHATPAY_API_BASE pointing here.
 * Dev and tests only; never mounted in production. The protocol endpoints arrive with the
 * sandbox/login issue; for now it answers its own health check.
 */
export function buildSandbox(): Koa {
  const app = new Koa();
  const router = new Router();
  router.get('/sandbox/health', (ctx) => {
    ctx.body = { status: 'ok' };
  });
  app.use(router.routes()).use(router.allowedMethods());
  return app;
}
