import Router from '@koa/router';
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { and, asc, eq, gte, lte } from 'drizzle-orm';
import { flashSales, products, skus } from '@shop/db';
import { z } from 'zod';
import type { AppDeps } from '../../deps';
import type { AppState } from '../../http/context';
import { route } from '../../http/route';
import { flashSessions, saleCard } from './sessions';

/** Upcoming sales show this long before they open (home page countdown). */
const LOOKAHEAD_MS = 24 * 3600_000;

const saleShape = {
  id: z.number().int(),
  title: z.string(),
  productId: z.number().int(),
  skuId: z.number().int(),
  imageUrl: z.string(),
  priceFen: z.number().int(),
  listPriceFen: z.number().int().nullable(),
  startsAt: z.string(),
  endsAt: z.string(),
  soldPercent: z.number().int(),
  remaining: z.number().int(),
  perUserLimit: z.number().int(),
};

const FlashSaleSchema = z.object({ ...saleShape, state: z.enum(['upcoming', 'running', 'sold_out']) }).openapi('FlashSale');

/** A sale in a session: like FlashSale, and a past session's sale may have `ended`. */
const SessionSaleSchema = z
  .object({ ...saleShape, state: z.enum(['upcoming', 'running', 'sold_out', 'ended']) })
  .openapi('FlashSessionSale');

const FlashSessionsSchema = z
  .object({
    sessions: z.array(
      z
        .object({
          startsAt: z.string(),
          endsAt: z.string(),
          /** 0 today, 1 tomorrow (Asia/Shanghai). */
          day: z.number().int().min(0).max(1),
          /** 已开抢 / 抢购中 / 即将开始. */
          state: z.enum(['started', 'running', 'upcoming']),
          sales: z.array(SessionSaleSchema),
        })
        .openapi('FlashSession'),
    ),
    /** The tab to open on: the running session, else the next one, else the last (-1 when none). */
    currentIndex: z.number().int(),
  })
  .openapi('FlashSessions');

const HOME_TTL_MS = 2_000;

/** Read side of flash sales (home page, 秒杀 page); buying goes through POST /api/orders and the gate. */
export function flashSaleRoutes(deps: AppDeps, registry: OpenAPIRegistry): Router<AppState> {
  const router = new Router<AppState>();
  route(
    router,
    registry,
    {
      method: 'get',
      path: '/api/flashsales',
      summary: 'Current and upcoming flash sales',
      tags: ['flashsale'],
      response: z.object({ items: z.array(FlashSaleSchema) }),
    },
    // Home slot: cached in-process for 2 s (remaining units are for display; the gate decides).
    () =>
      deps.readCache.get('activity', 'home:flashsales', HOME_TTL_MS, async () => {
        const now = deps.now();
        const rows = await deps.db
          .select({ sale: flashSales, images: products.images, skuPrice: skus.priceFen })
          .from(flashSales)
          .innerJoin(products, eq(products.id, flashSales.productId))
          .innerJoin(skus, eq(skus.id, flashSales.skuId))
          .where(
            and(
              eq(flashSales.status, 'active'),
              gte(flashSales.endsAt, now),
              lte(flashSales.startsAt, new Date(now.getTime() + LOOKAHEAD_MS)),
            ),
          )
          .orderBy(asc(flashSales.startsAt));
        return { items: rows.map(({ sale, images, skuPrice }) => saleCard(sale, images[0] ?? '', skuPrice, now)) };
      }),
  );
  route(
    router,
    registry,
    {
      method: 'get',
      path: '/api/flashsales/sessions',
      summary: '秒杀场次 of today and tomorrow by start time, each with its sales, and the tab to open on',
      tags: ['flashsale'],
      response: FlashSessionsSchema,
    },
    // The 秒杀 page: cached in-process for 2 s like the home slot (per-member state is /api/me/reminders).
    () => deps.readCache.get('activity', 'flash:sessions', HOME_TTL_MS, () => flashSessions(deps.db, deps.now())),
  );
  return router;
}
