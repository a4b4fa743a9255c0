import Router from '@koa/router';
import type { AppDeps } from '../../deps';
import type { AppContext, AppState } from '../../http/context';
import { NotificationRejected, toPayTransaction } from '../../wechat/pay';
import { refundResultOf, settleRefund } from '../refund';
import { settlePayment } from './service';

/**
 * WeChat Pay callbacks. They answer in WeChat's format (2xx, or 4xx/5xx with
 * {code:'FAIL', message}) rather than ours, and only verified, decrypted notifications count.
 */
export function paymentRoutes(deps: AppDeps): Router<AppState> {
  const router = new Router<AppState>();

  router.post('/api/pay/notify', async (ctx) => {
    try {
      // WeChat signs with the real wall clock, so freshness is judged against it, not deps.now().
      const notification = await deps.pay.parseNotification({ headers: ctx.headers, rawBody: ctx.request.rawBody ?? '' });
      if (notification.eventType === 'TRANSACTION.SUCCESS') {
        const outcome = await settlePayment(deps, toPayTransaction(notification.resource));
        ctx.state.log.info({ outcome, event: notification.id }, 'payment notification');
      }
      ctx.status = 204;
    } catch (err) {
      answerFailure(ctx, err);
    }
  });

  router.post('/api/pay/refund-notify', async (ctx) => {
    try {
      // Same rules as /api/pay/notify: verified and decrypted first, real wall clock for freshness.
      const notification = await deps.pay.parseNotification({ headers: ctx.headers, rawBody: ctx.request.rawBody ?? '' });
      if (notification.eventType.startsWith('REFUND.')) {
        const outcome = await settleRefund(deps, refundResultOf(notification));
        ctx.state.log.info({ outcome, event: notification.id, type: notification.eventType }, 'refund notification');
      }
      ctx.status = 204;
    } catch (err) {
      answerFailure(ctx, err);
    }
  });

  return router;
}

/** WeChat retries until it gets a 2xx; a refused signature gets 401, anything else 500. */
function answerFailure(ctx: AppContext, err: unknown): void {
  const rejected = err instanceof NotificationRejected;
  ctx.state.log.warn({ err, reason: rejected ? err.reason : undefined }, 'notification not accepted');
  ctx.status = rejected ? 401 : 500;
  ctx.body = { code: 'FAIL', message: rejected ? '签名验证失败' : '失败' };
}
