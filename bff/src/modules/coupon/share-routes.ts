import Router from '@koa/router';
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import type { AppDeps } from '../../deps';
import { requireMemberId } from '../../http/auth';
import type { AppState } from '../../http/context';
import { requestLimit } from '../../http/rate-limit';
import { route } from '../../http/route';
import { requireStaff } from '../staff';
import { claimTokenQrCode, listClaimTokens, mintClaimToken, revokeClaimToken, scanClaimToken } from './claim-tokens';
import { claimFromPack, openSharePack, viewSharePack } from './share';
import {
  ClaimTokenListSchema,
  ClaimTokenParamsSchema,
  ClaimTokenSchema,
  CouponShareViewSchema,
  MintClaimTokenSchema,
  MintedClaimTokenSchema,
  OpenedShareSchema,
  OpenShareSchema,
  ReceivedCouponSchema,
  ScanBodySchema,
  ShareClaimBodySchema,
  ShareClaimResultSchema,
  ShareParamsSchema,
} from './share-schema';

/** 扫码领券 (staff mint and revoke, the customer scans) and 分享领券 (open a pack, land, claim). */
export function couponShareRoutes(deps: AppDeps, registry: OpenAPIRegistry): Router<AppState> {
  const router = new Router<AppState>();
  // 分享领券 counts with the claim centre's claims (modules/coupon/routes.ts): the same coupon-claim budget.
  const claimLimit = requestLimit(deps.redis, 'coupon_claim', deps.config.rateLimits.couponClaim, deps.config.rateLimits);

  route(
    router,
    registry,
    {
      method: 'post',
      path: '/api/staff/coupon-tokens',
      summary: 'Mint a signed, expiring 扫码领券 token for a store_qr template (my store; head office: no store)',
      tags: ['staff', 'coupon'],
      auth: true,
      body: MintClaimTokenSchema,
      response: MintedClaimTokenSchema,
    },
    async (ctx, { body }) => mintClaimToken(deps, await requireStaff(ctx, deps.db, 'clerk'), body, ctx.get('user-agent')),
  );

  route(
    router,
    registry,
    {
      method: 'get',
      path: '/api/staff/coupon-tokens',
      summary: "My store's 扫码领券 tokens, newest first, with their claimed counts (head office: every store's)",
      tags: ['staff', 'coupon'],
      auth: true,
      response: ClaimTokenListSchema,
    },
    async (ctx) => ({ items: await listClaimTokens(deps, await requireStaff(ctx, deps.db, 'clerk')) }),
  );

  route(
    router,
    registry,
    {
      method: 'post',
      path: '/api/staff/coupon-tokens/:id/revoke',
      summary: 'Stop a 扫码领券 token at once (idempotent)',
      tags: ['staff', 'coupon'],
      auth: true,
      params: ClaimTokenParamsSchema,
      response: ClaimTokenSchema,
    },
    async (ctx, { params }) => revokeClaimToken(deps, await requireStaff(ctx, deps.db, 'clerk'), params.id, ctx.get('user-agent')),
  );

  route(
    router,
    registry,
    {
      method: 'get',
      path: '/api/staff/coupon-tokens/:id/qrcode',
      summary: 'PNG 小程序码 of a 扫码领券 token (scene = the token, page pages/coupon-scan/index), for the till or a poster',
      tags: ['staff', 'coupon'],
      auth: true,
      params: ClaimTokenParamsSchema,
    },
    async (ctx, { params }) => {
      const png = await claimTokenQrCode(deps, await requireStaff(ctx, deps.db, 'clerk'), params.id);
      ctx.type = 'image/png';
      ctx.set('Cache-Control', 'private, max-age=300');
      ctx.body = png;
    },
  );

  route(
    router,
    registry,
    {
      method: 'post',
      path: '/api/coupons/scan',
      summary: 'Claim the coupon of a scanned 扫码领券 token (one per member per token)',
      tags: ['coupon'],
      auth: true,
      body: ScanBodySchema,
      response: ReceivedCouponSchema,
      // Guessing tokens costs a signature check each; a real customer scans a few a day.
      rateLimit: requestLimit(deps.redis, 'coupon_scan', deps.config.rateLimits.couponScan, deps.config.rateLimits),
    },
    async (ctx, { body }) => scanClaimToken(deps, requireMemberId(ctx), body),
  );

  route(
    router,
    registry,
    {
      method: 'post',
      path: '/api/coupon-shares',
      summary: 'Open (or reopen) my 分享领券 pack of a template and record the share; returns the path the card opens',
      tags: ['coupon', 'share'],
      auth: true,
      body: OpenShareSchema,
      response: OpenedShareSchema,
    },
    async (ctx, { body }) => openSharePack(deps, requireMemberId(ctx), body.templateId),
  );

  route(
    router,
    registry,
    {
      method: 'get',
      path: '/api/coupon-shares/:id',
      summary: "A 分享领券 pack's landing page: the coupon, the sharer, progress to the reward (sign-in optional)",
      tags: ['coupon', 'share'],
      params: ShareParamsSchema,
      response: CouponShareViewSchema,
    },
    async (ctx, { params }) => viewSharePack(deps, ctx.state.auth?.memberId, params.id),
  );

  route(
    router,
    registry,
    {
      method: 'post',
      path: '/api/coupon-shares/:id/claim',
      summary: "A friend claims one coupon from a 分享领券 pack; the sharer's reward is issued when the goal is reached",
      tags: ['coupon', 'share'],
      auth: true,
      params: ShareParamsSchema,
      body: ShareClaimBodySchema,
      response: ShareClaimResultSchema,
      rateLimit: claimLimit,
    },
    async (ctx, { params, body }) => claimFromPack(deps, requireMemberId(ctx), params.id, body),
  );

  return router;
}
