import Router from '@koa/router';
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import type { AppDeps } from '../../deps';
import type { AppState } from '../../http/context';
import { GroupStatusSchema } from '../../contract/enums';
import { route } from '../../http/route';
import { groupQrCode } from './qrcode';
import { requireMemberId } from '../../http/auth';
import { MyGroupsSchema, myGroups } from './mine';
import { campaignDetail, groupDetail, runningCampaigns } from './view';

const id = z.coerce.number().int().positive();

const CampaignSchema = z
  .object({
    id: z.number().int(),
    title: z.string(),
    productId: z.number().int(),
    skuId: z.number().int(),
    imageUrl: z.string(),
    specText: z.string(),
    /** The first SKU's group price, 团长价 and own price (what buying alone costs). */
    groupPriceFen: z.number().int(),
    leaderPriceFen: z.number().int().nullable(),
    listPriceFen: z.number().int(),
    /** The lowest group price over the campaign's SKUs. */
    minGroupPriceFen: z.number().int(),
    /** The spec dimensions the campaign's SKUs span (the group SKU sheet's rows). */
    specs: z.array(z.object({ name: z.string(), values: z.array(z.string()) })),
    /** Every SKU the campaign sells at its group price, the first SKU first; others are not in the group. */
    skus: z.array(
      z
        .object({
          skuId: z.number().int(),
          specValues: z.record(z.string(), z.string()),
          specText: z.string(),
          imageUrl: z.string(),
          groupPriceFen: z.number().int(),
          leaderPriceFen: z.number().int().nullable(),
          listPriceFen: z.number().int(),
        })
        .openapi('GroupBuySku'),
    ),
    groupSize: z.number().int(),
    perUserLimit: z.number().int(),
    newCustomersOnly: z.boolean(),
    remainingStock: z.number().int(),
    endsAt: z.string(),
  })
  .openapi('GroupBuyCampaign');

const PersonSchema = z.object({ nickname: z.string(), avatarUrl: z.string().nullable() });

const GroupSchema = z
  .object({
    id: z.number().int(),
    status: GroupStatusSchema,
    groupSize: z.number().int(),
    seatsLeft: z.number().int(),
    paidCount: z.number().int(),
    expiresAt: z.string().nullable(),
    members: z.array(PersonSchema.extend({ isLeader: z.boolean(), paid: z.boolean() })),
    campaign: CampaignSchema,
    viewer: z.object({ joined: z.boolean(), orderId: z.number().int().nullable(), canJoin: z.boolean(), reason: z.string().nullable() }),
  })
  .openapi('Group');

/** Group-buy campaigns, groups, and the group's mini-program code for posters. */
export function groupBuyRoutes(deps: AppDeps, registry: OpenAPIRegistry): Router<AppState> {
  const router = new Router<AppState>();
  route(
    router,
    registry,
    {
      method: 'get',
      path: '/api/groupbuys',
      summary: 'Running group-buy campaigns (optionally of one product)',
      tags: ['groupbuy'],
      query: z.object({ productId: id.optional() }),
      response: z.object({ items: z.array(CampaignSchema) }),
    },
    // Home slot and product page: cached in-process for 2 s (seats left are for display).
    (_ctx, { query }) =>
      deps.readCache.get('activity', `groupbuys:${query.productId ?? 'all'}`, 2_000, async () => ({
        items: await runningCampaigns(deps.db, deps.now(), query.productId),
      })),
  );
  route(
    router,
    registry,
    {
      method: 'get',
      path: '/api/groupbuys/:id',
      summary: 'A campaign and its groups open to join, closing soonest first',
      tags: ['groupbuy'],
      params: z.object({ id }),
      response: z.object({
        campaign: CampaignSchema,
        openGroups: z.array(
          z
            .object({
              id: z.number().int(),
              leader: PersonSchema,
              seatsLeft: z.number().int(),
              groupSize: z.number().int(),
              expiresAt: z.string(),
            })
            .openapi('OpenGroup'),
        ),
      }),
    },
    async (_ctx, { params }) => campaignDetail(deps.db, params.id, deps.now()),
  );
  route(
    router,
    registry,
    {
      method: 'get',
      path: '/api/groups/:id',
      summary: 'A group: members, seats left, countdown, and what the signed-in viewer may do',
      tags: ['groupbuy'],
      params: z.object({ id }),
      response: GroupSchema,
    },
    async (ctx, { params }) => groupDetail(deps.db, params.id, ctx.state.auth?.memberId, deps.now()),
  );
  route(
    router,
    registry,
    {
      method: 'get',
      path: '/api/groups/:id/qrcode',
      summary: 'PNG mini-program code opening the group page (scene carries group and sharer)',
      tags: ['groupbuy'],
      params: z.object({ id }),
      query: z.object({ sharerId: id.optional() }),
    },
    async (ctx, { params, query }) => {
      const png = await groupQrCode(deps, params.id, query.sharerId);
      ctx.type = 'image/png';
      ctx.set('Cache-Control', 'public, max-age=86400');
      ctx.body = png;
    },
  );
  route(
    router,
    registry,
    {
      method: 'get',
      path: '/api/me/groups',
      summary: '我的拼团: the groups I opened or joined, newest first',
      tags: ['groupbuy'],
      auth: true,
      response: MyGroupsSchema,
    },
    async (ctx) => myGroups(deps.db, requireMemberId(ctx), deps.now()),
  );
  return router;
}
