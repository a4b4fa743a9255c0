import Router from '@koa/router';
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import type { AppDeps } from '../../deps';
import { requireMemberId } from '../../http/auth';
import type { AppState } from '../../http/context';
import { errors } from '../../http/errors';
import { requestFingerprint } from '../../http/fingerprint';
import { IdempotencyHeaderSchema, IdempotencyKeySchema } from '../../http/idempotency';
import { requestLimit } from '../../http/rate-limit';
import { route } from '../../http/route';
import { requireStaff } from '../staff';
import { claimCenter, claimFromCenter } from './center';
import { listMyCoupons } from './mine';
import { qrTemplatesForStore, shareableTemplates } from './offers';
import { exchangeForCoupon, listExchange } from './points-exchange';
import { findTemplate } from './queries';
import {
  ClaimCenterSchema,
  ClaimedCouponSchema,
  CouponTemplateInputSchema,
  CouponTemplateListSchema,
  CouponTemplatePatchSchema,
  CouponTemplateSchema,
  ExchangeBodySchema,
  ExchangeListSchema,
  ExchangeResultSchema,
  MyCouponsQuerySchema,
  MyCouponsSchema,
  ProductCouponsQuerySchema,
  QrTemplatesSchema,
  ShareableTemplatesSchema,
  TemplateListQuerySchema,
} from './schema';
import { createTemplate, listTemplates, moveTemplate, statsOf, toTemplateView, updateTemplate } from './templates';

const IdParams = z.object({ id: z.coerce.number().int().positive() });

/** The customer's coupon routes (领券中心, 我的优惠券, 积分兑换) and head office's templates. */
export function couponRoutes(deps: AppDeps, registry: OpenAPIRegistry): Router<AppState> {
  const router = new Router<AppState>();
  const tags = ['coupon'];
  const memberOrNull = (ctx: { state: AppState }) => ctx.state.auth?.memberId ?? null;

  route(
    router,
    registry,
    {
      method: 'get',
      path: '/api/coupons/center',
      summary: '领券中心: coupons on offer, what is left and what I hold (with productId: those covering the product)',
      tags,
      query: ProductCouponsQuerySchema,
      response: ClaimCenterSchema,
    },
    (ctx, { query }) => claimCenter(deps, memberOrNull(ctx), query.productId),
  );

  route(
    router,
    registry,
    {
      method: 'post',
      path: '/api/coupons/claim',
      summary: 'Claim a coupon from the claim centre',
      tags,
      auth: true,
      body: z.object({ templateId: z.number().int().positive() }),
      response: ClaimedCouponSchema,
      status: 201,
      rateLimit: requestLimit(deps.redis, 'coupon_claim', deps.config.rateLimits.couponClaim, deps.config.rateLimits),
    },
    (ctx, { body }) => claimFromCenter(deps, requireMemberId(ctx), body.templateId),
  );

  route(
    router,
    registry,
    {
      method: 'get',
      path: '/api/me/coupons',
      summary: '我的优惠券 by tab (可使用 / 已使用 / 已过期), with the counts of each tab',
      tags,
      auth: true,
      query: MyCouponsQuerySchema,
      response: MyCouponsSchema,
    },
    (ctx, { query }) => listMyCoupons(deps.db, requireMemberId(ctx), query.tab, deps.now()),
  );

  route(
    router,
    registry,
    {
      method: 'get',
      path: '/api/points/exchange',
      summary: '积分兑换: what points buy, and my balance',
      tags,
      response: ExchangeListSchema,
    },
    (ctx) => listExchange(deps, memberOrNull(ctx)),
  );

  route(
    router,
    registry,
    {
      method: 'post',
      path: '/api/points/exchange',
      summary: 'Exchange points for a coupon (Idempotency-Key header required): points and coupon in one transaction',
      tags,
      auth: true,
      body: ExchangeBodySchema,
      headers: IdempotencyHeaderSchema,
      response: ExchangeResultSchema,
      status: 201,
    },
    (ctx, { body }) => {
      const requestKey = IdempotencyKeySchema.parse(ctx.get('idempotency-key') || undefined);
      return exchangeForCoupon(deps, requireMemberId(ctx), body.itemId, requestKey, requestFingerprint('POST /api/points/exchange', body));
    },
  );

  route(
    router,
    registry,
    {
      method: 'get',
      path: '/api/coupons/shareable',
      summary: '邀请好友领券: coupon templates members can share, with the goal and the reward',
      tags,
      response: ShareableTemplatesSchema,
    },
    () => shareableTemplates(deps.db, deps.now()),
  );

  route(
    router,
    registry,
    {
      method: 'get',
      path: '/api/staff/coupon-templates',
      summary: '生成领券码: the 扫码领券 templates my store may hand out (head office: all)',
      tags: ['staff'],
      auth: true,
      response: QrTemplatesSchema,
    },
    async (ctx) => {
      const staff = await requireStaff(ctx, deps.db);
      return qrTemplatesForStore(deps.db, staff.role === 'admin' ? null : staff.storeId, deps.now());
    },
  );

  adminTemplateRoutes(router, registry, deps);
  return router;
}

function adminTemplateRoutes(router: Router<AppState>, registry: OpenAPIRegistry, deps: AppDeps): void {
  const tags = ['admin'];
  const userAgent = (ctx: { get(name: string): string }) => ctx.get('user-agent');

  route(
    router,
    registry,
    {
      method: 'get',
      path: '/api/admin/coupon-templates',
      summary: 'Coupon templates with issued / used / expired counts (admin)',
      tags,
      auth: true,
      query: TemplateListQuerySchema,
      response: CouponTemplateListSchema,
    },
    async (ctx, { query }) => {
      await requireStaff(ctx, deps.db, 'admin');
      const rows = await listTemplates(deps.db, query);
      return { items: rows.map(({ row, stats }) => toTemplateView(row, stats)) };
    },
  );

  route(
    router,
    registry,
    {
      method: 'post',
      path: '/api/admin/coupon-templates',
      summary: 'Create a coupon template (admin)',
      tags,
      auth: true,
      body: CouponTemplateInputSchema,
      response: CouponTemplateSchema,
      status: 201,
    },
    async (ctx, { body }) => {
      const admin = await requireStaff(ctx, deps.db, 'admin');
      return toTemplateView(await createTemplate(deps, admin, body, userAgent(ctx)));
    },
  );

  route(
    router,
    registry,
    {
      method: 'get',
      path: '/api/admin/coupon-templates/:id',
      summary: 'One coupon template (admin)',
      tags,
      auth: true,
      params: IdParams,
      response: CouponTemplateSchema,
    },
    async (ctx, { params }) => {
      await requireStaff(ctx, deps.db, 'admin');
      const template = await findTemplate(deps.db, params.id);
      if (!template) throw errors.notFound('COUPON_TEMPLATE_NOT_FOUND', '优惠券不存在');
      return toTemplateView(template, (await statsOf(deps.db, [template.id])).get(template.id));
    },
  );

  route(
    router,
    registry,
    {
      method: 'patch',
      path: '/api/admin/coupon-templates/:id',
      summary: 'Edit a coupon template; its money rule is frozen once a coupon was issued (admin)',
      tags,
      auth: true,
      params: IdParams,
      body: CouponTemplatePatchSchema,
      response: CouponTemplateSchema,
    },
    async (ctx, { params, body }) => {
      const admin = await requireStaff(ctx, deps.db, 'admin');
      return toTemplateView(await updateTemplate(deps, admin, params.id, body, userAgent(ctx)));
    },
  );

  for (const event of ['pause', 'resume', 'end'] as const) {
    route(
      router,
      registry,
      {
        method: 'post',
        path: `/api/admin/coupon-templates/:id/${event}`,
        summary: `${event === 'pause' ? 'Pause' : event === 'resume' ? 'Resume' : 'End'} a coupon template (admin)`,
        tags,
        auth: true,
        params: IdParams,
        response: CouponTemplateSchema,
      },
      async (ctx, { params }) => {
        const admin = await requireStaff(ctx, deps.db, 'admin');
        return toTemplateView(await moveTemplate(deps, admin, params.id, event, userAgent(ctx)));
      },
    );
  }
}
