import Router from '@koa/router';
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import type { AppDeps } from '../../deps';
import { requireMemberId } from '../../http/auth';
import type { AppState } from '../../http/context';
import { route } from '../../http/route';
import { requireStaff, storeFor } from '../staff';
import { currentCouponCode, previewCoupon, redeemStandalone } from './redeem';
import {
  CouponCodeSchema,
  CouponIdParamsSchema,
  CouponPreviewSchema,
  CouponRedemptionSchema,
  PreviewCouponSchema,
  RedeemCouponSchema,
} from './staff-schema';

/**
 * 线上领券，线下核销 (docs/domain.md#coupons): the customer's rotating code, and the staff side that
 * reads and redeems it. Redemption inside a till sale is `couponCode` on /api/staff/sales.
 */
export function couponOfflineRoutes(deps: AppDeps, registry: OpenAPIRegistry): Router<AppState> {
  const router = new Router<AppState>();

  route(
    router,
    registry,
    {
      method: 'get',
      path: '/api/me/coupons/:id/code',
      summary: 'Rotating code (≤ 60 s) of one of my coupons for redemption in a store; only while it is usable offline now',
      tags: ['coupon'],
      auth: true,
      params: CouponIdParamsSchema,
      response: CouponCodeSchema,
    },
    (ctx, { params }) => {
      ctx.set('Cache-Control', 'no-store');
      return currentCouponCode(deps, requireMemberId(ctx), params.id);
    },
  );

  route(
    router,
    registry,
    {
      method: 'post',
      path: '/api/staff/coupons/preview',
      summary: 'What a scanned coupon code is and whether my store can redeem it now (uses nothing up)',
      tags: ['staff'],
      auth: true,
      body: PreviewCouponSchema,
      response: CouponPreviewSchema,
    },
    async (ctx, { body }) => {
      const staff = await requireStaff(ctx, deps.db, 'clerk');
      return previewCoupon(deps, staff, { code: body.code, storeId: await storeFor(deps.db, staff, body.storeId) });
    },
  );

  route(
    router,
    registry,
    {
      method: 'post',
      path: '/api/staff/coupons/redeem',
      summary: 'Redeem a coupon code at my store outside a till sale (线下核销); the code is burned',
      tags: ['staff'],
      auth: true,
      body: RedeemCouponSchema,
      response: CouponRedemptionSchema,
    },
    async (ctx, { body }) => {
      const staff = await requireStaff(ctx, deps.db, 'clerk');
      const storeId = await storeFor(deps.db, staff, body.storeId);
      return redeemStandalone(deps, staff, { code: body.code, storeId, userAgent: ctx.get('user-agent') });
    },
  );

  return router;
}
