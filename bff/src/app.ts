import cors from '@koa/cors';
import Router from '@koa/router';
import Koa from 'koa';
import type { AppDeps } from './deps';
import { jsonBody } from './http/body';
import type { AppState } from './http/context';
import { errorMiddleware } from './http/error-middleware';
import { requestContext } from './http/request-context';
import { authenticate } from './http/auth';
import { authRoutes } from './modules/auth/routes';
import { cartRoutes } from './modules/cart/routes';
import { catalogRoutes } from './modules/catalog/routes';
import { demoMediaRoutes } from './modules/demo-media/routes';
import { flashSaleRoutes } from './modules/flashsale/routes';
import { groupBuyRoutes } from './modules/groupbuy/routes';
import { shareRoutes } from './modules/share/routes';
import { pickupRoutes } from './modules/pickup/routes';
import { healthRoutes } from './modules/health/routes';
import { inventoryRoutes } from './modules/inventory/routes';
import { liveRoutes } from './modules/live/routes';
import { orderRoutes } from './modules/order/routes';
import { paymentRoutes } from './modules/payment/routes';
import { refundRoutes } from './modules/refund/routes';
import { memberRoutes } from './modules/member/routes';
import { notifyRoutes } from './modules/notify/routes';
import { staffRoutes } from './modules/staff/routes';
import { storeRoutes } from './modules/store/routes';
import { tillRoutes } from './modules/till/routes';
import { buildOpenApiDocument, createOpenApiRegistry } from './openapi';

/** Builds the Koa app without listening: main.ts listens, tests use app.callback(). */
export function buildApp(deps: AppDeps): Koa<AppState> {
  const app = new Koa<AppState>();
  app.proxy = deps.config.env === 'production';
  const registry = createOpenApiRegistry();

  app.use(requestContext(deps.logger));
  app.use(errorMiddleware());
  app.use(corsFor(deps.config.corsOrigins));
  app.use(jsonBody());
  app.use(authenticate(deps.redis, deps.config.sessionTtlSeconds));

  const routers: Router<AppState>[] = [
    healthRoutes(deps, registry),
    authRoutes(deps, registry),
    memberRoutes(deps, registry),
    staffRoutes(deps, registry),
    tillRoutes(deps, registry),
    catalogRoutes(deps, registry),
    storeRoutes(deps, registry),
    flashSaleRoutes(deps, registry),
    groupBuyRoutes(deps, registry),
    shareRoutes(deps, registry),
    pickupRoutes(deps, registry),
    liveRoutes(deps, registry),
    cartRoutes(deps, registry),
    inventoryRoutes(deps, registry),
    orderRoutes(deps, registry),
    refundRoutes(deps, registry),
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

  for (const router of routers) app.use(router.routes()).use(router.allowedMethods());
  return app;
}

/** CORS only for the configured H5 origins; other origins get no Access-Control headers. */
function corsFor(origins: string[]) {
  const allowed = new Set(origins);
  return cors({
    origin: (ctx) => {
      const origin = ctx.get('Origin');
      return allowed.has(origin) || allowed.has('*') ? origin : '';
    },
    allowHeaders: ['Content-Type', 'Authorization', 'Idempotency-Key', 'X-Request-Id'],
    exposeHeaders: ['X-Request-Id'],
    maxAge: 600,
  });
}
