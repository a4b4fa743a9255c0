import Router from '@koa/router';
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { and, asc, eq, gte, lte } from 'drizzle-orm';
import { groupCampaigns, products, skus } from '@shop/db';
import { z } from 'zod';
import type { AppDeps } from '../../deps';
import type { AppState } from '../../http/context';
import { route } from '../../http/route';

const GroupBuySchema = z.object({
  id: z.number().int(),
  title: z.string(),
  productId: z.number().int(),
  skuId: z.number().int(),
  imageUrl: z.string(),
  groupPriceFen: z.number().int(),
  leaderPriceFen: z.number().int().nullable(),
  /** The SKU's own price: what buying alone costs. */
  listPriceFen: z.number().int(),
  groupSize: z.number().int(),
  endsAt: z.string(),
});

/** Read side of group-buy campaigns; opening and joining groups arrive with the group-buy issue. */
export function groupBuyRoutes(deps: AppDeps, registry: OpenAPIRegistry): Router<AppState> {
  const router = new Router<AppState>();
  route(
    router,
    registry,
    { method: 'get', path: '/api/groupbuys', summary: 'Running group-buy campaigns', tags: ['groupbuy'], response: z.object({ items: z.array(GroupBuySchema) }) },
    async () => {
      const now = deps.now();
      const rows = await deps.db
        .select({ campaign: groupCampaigns, images: products.images, skuPrice: skus.priceFen })
        .from(groupCampaigns)
        .innerJoin(products, eq(products.id, groupCampaigns.productId))
        .innerJoin(skus, eq(skus.id, groupCampaigns.skuId))
        .where(and(eq(groupCampaigns.status, 'active'), lte(groupCampaigns.startsAt, now), gte(groupCampaigns.endsAt, now)))
        .orderBy(asc(groupCampaigns.endsAt));
      return {
        items: rows.map(({ campaign, images, skuPrice }) => ({
          id: campaign.id,
          title: campaign.title,
          productId: campaign.productId,
          skuId: campaign.skuId,
          imageUrl: images[0] ?? '',
          groupPriceFen: campaign.groupPriceFen,
          leaderPriceFen: campaign.leaderPriceFen,
          listPriceFen: skuPrice,
          groupSize: campaign.groupSize,
          endsAt: campaign.endsAt.toISOString(),
        })),
      };
    },
  );
  return router;
}
