import Router from '@koa/router';
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { and, asc, eq, gte, lte } from 'drizzle-orm';
import { flashSales, products, skus } from '@shop/db';
import { z } from 'zod';
import type { AppDeps } from '../../deps';
import type { AppState } from '../../http/context';
import { route } from '../../http/route';

/** Upcoming sales show this long before they open (home page countdown). */
const LOOKAHEAD_MS = 24 * 3600_000;

const FlashSaleSchema = z
  .object({
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
    state: z.enum(['upcoming', 'running', 'sold_out']),
  })
  .openapi('FlashSale');

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
        return {
          items: rows.map(({ sale, images, skuPrice }) => ({
            id: sale.id,
            title: sale.title,
            productId: sale.productId,
            skuId: sale.skuId,
            imageUrl: images[0] ?? '',
            priceFen: sale.priceFen,
            listPriceFen: skuPrice,
            startsAt: sale.startsAt.toISOString(),
            endsAt: sale.endsAt.toISOString(),
            soldPercent: Math.min(100, Math.floor((sale.soldCount * 100) / Math.max(1, sale.allocatedStock))),
            remaining: Math.max(0, sale.allocatedStock - sale.soldCount),
            perUserLimit: sale.perUserLimit,
            state:
              sale.startsAt > now
                ? ('upcoming' as const)
                : sale.soldCount >= sale.allocatedStock
                  ? ('sold_out' as const)
                  : ('running' as const),
          })),
        };
      }),
  );
  return router;
}
