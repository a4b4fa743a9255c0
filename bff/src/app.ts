import cors from '@koa/cors';
import Router from '@koa/router';
import Koa from 'koa';
import type { AppDeps } from './deps';
import { jsonBody } from './http/body';
import type { AppState } from './http/context';
import { errorMiddleware } from './http/error-middleware';
import { requestContext } from './http/request-context';
import { authenticate } from './http/auth';
import { useChineseValidationMessages } from './http/zod-locale';
import { afterSaleRoutes } from './modules/aftersale';
import { authRoutes } from './modules/auth';
import { cartRoutes } from './modules/cart';
import { favoriteRoutes } from './modules/favorite';
import { catalogRoutes } from './modules/catalog';
import { couponRoutes } from './modules/coupon';
import { couponOfflineRoutes } from './modules/coupon';
import { couponShareRoutes } from './modules/coupon';
import { demoMediaRoutes } from './modules/demo-media';
import { flashSaleRoutes } from './modules/flashsale';
import { reminderRoutes } from './modules/reminder';
import { groupBuyRoutes } from './modules/groupbuy';
import { shareRoutes } from './modules/share';
import { pickupRoutes } from './modules/pickup';
import { healthRoutes } from './modules/health';
import { inventoryRoutes } from './modules/inventory';
import { liveRoutes } from './modules/live';
import { orderRoutes } from './modules/checkout';
import { paymentRoutes } from './modules/payment';
import { refundRoutes } from './modules/refund';
import { mediaFileRoutes, mediaRoutes } from './modules/media';
import { memberRoutes } from './modules/member';
import { notifyRoutes } from './modules/notify';
import { staffRoutes } from './modules/staff';
import { storeRoutes } from './modules/store';
import { tillRoutes } from './modules/till';
import { buildOpenApiDocument, createOpenApiRegistry } from './openapi';

/** Builds the Koa app without listening: main.ts listens, tests use app.callback(). */
export function buildApp(deps: AppDeps): Koa<AppState> {
  useChineseValidationMessages();
  const app = new Koa<AppState>();
  // ctx.ip: the address our own proxies saw, not whatever a client put in X-Forwarded-For.
  app.proxy = deps.config.trustedProxyHops > 0;
  app.maxIpsCount = deps.config.trustedProxyHops;
  const registry = createOpenApiRegistry();

  app.use(requestContext(deps.logger));
  app.use(errorMiddleware());
  app.use(corsFor(deps.config.corsOrigins));
  app.use(jsonBody());
  app.use(authenticate(deps.redis, deps.config.sessionTtlSeconds, deps.config.sessionKeyPrefix));

  const routers: Router<AppState>[] = [
    healthRoutes(deps, registry),
    authRoutes(deps, registry),
    memberRoutes(deps, registry),
    staffRoutes(deps, registry),
    tillRoutes(deps, registry),
    couponOfflineRoutes(deps, registry),
    couponShareRoutes(deps, registry),
    catalogRoutes(deps, registry),
    storeRoutes(deps, registry),
    flashSaleRoutes(deps, registry),
    reminderRoutes(deps, registry),
    groupBuyRoutes(deps, registry),
    shareRoutes(deps, registry),
    pickupRoutes(deps, registry),
    liveRoutes(deps, registry),
    cartRoutes(deps, registry),
    favoriteRoutes(deps, registry),
    inventoryRoutes(deps, registry),
    orderRoutes(deps, registry),
    couponRoutes(deps, registry),
    refundRoutes(deps, registry),
    afterSaleRoutes(deps, registry),
    mediaRoutes(deps, registry),
    mediaFileRoutes(deps),
    notifyRoutes(deps, registry),
    paymentRoutes(deps),
  ];
  // Drawn pictures for the demo data; a production catalog's images live on a CDN.
  if (deps.config.env !== 'production') routers.push(demoMediaRoutes(deps));
  const openapi = new Router<AppState>();
  openapi.get('/api/openapi.json', (ctx) => {
    ctx.body = buildOpenApiDocument(registry);
  });
  routers.push(openapi);

  // One router holding every module's routes: a request walks one route table once, instead of
  // passing through 2 × 19 router middlewares that each match the path again.
  const api = new Router<AppState>();
  for (const router of routers) {
    for (const layer of router.stack) {
      // Only routes merge safely; router-level middleware (router.use) would apply to every module.
      if (layer.methods.length === 0) throw new Error(`router-level middleware at ${layer.path} cannot be merged into the app router`);
      api.stack.push(layer);
    }
  }
  app.use(api.routes()).use(api.allowedMethods());
  return app;
}

/**
 * CORS only for the configured H5 origins; other origins get no Access-Control headers. The
 * mini-program sends no Origin at all, so most requests skip the CORS middleware entirely (only
 * `Vary: Origin` is kept, for caches between us and browsers).
 */
function corsFor(origins: string[]): Koa.Middleware<AppState> {
  const allowed = new Set(origins);
  const middleware = cors({
    origin: (ctx) => {
      const origin = ctx.get('Origin');
      return allowed.has(origin) || allowed.has('*') ? origin : '';
    },
    allowHeaders: ['Content-Type', 'Authorization', 'Idempotency-Key', 'X-Request-Id'],
    exposeHeaders: ['X-Request-Id'],
    maxAge: 600,
  });
  return (ctx, next) => {
    if (ctx.get('Origin')) return middleware(ctx, next);
    ctx.vary('Origin');
    return next();
  };
}
