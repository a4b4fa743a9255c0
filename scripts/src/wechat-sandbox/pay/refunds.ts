import type Router from '@koa/router';
import type { RequestState, SandboxDeps } from '../context';
import { jsonObject } from '../http';
import { refundId, wechatTime } from '../ids';
import type { Refund, Transaction } from '../state';
import { payError } from './errors';
import { paramError } from './transactions';
import { currencyProblem, firstProblem, notifyUrlProblem, objectOf, OUT_REFUND_NO, positiveIntProblem, stringProblem } from './validate';

/**
 * Domestic refunds. A refund starts PROCESSING, settles after refundSettleMs (SUCCESS, or
 * ABNORMAL when injected) and then notifies the refund's notify_url, falling back to the order's
 * (standing in for the callback URL a merchant configures in the WeChat Pay console).
 */
export function refundRoutes(router: Router<RequestState>, deps: SandboxDeps): void {
  router.post('/v3/refund/domestic/refunds', (ctx) => {
    const body = jsonObject(ctx.state.rawBody);
    if (!body) return payError(ctx, 'PARAM_ERROR', '请求体不是合法的JSON对象');
    const amount = objectOf(body.amount);
    const problem = firstProblem(
      body.transaction_id === undefined && body.out_trade_no === undefined
        ? { field: 'out_trade_no', issue: 'transaction_id和out_trade_no必须二选一' }
        : undefined,
      stringProblem(body.transaction_id, 'transaction_id', { required: false, maxBytes: 32 }),
      stringProblem(body.out_trade_no, 'out_trade_no', { required: false, maxBytes: 32 }),
      typeof body.out_refund_no === 'string' && OUT_REFUND_NO.test(body.out_refund_no)
        ? undefined
        : { field: 'out_refund_no', issue: '必须为1-64位数字、大小写字母或_-|*@' },
      stringProblem(body.reason, 'reason', { required: false, maxBytes: 80 }),
      body.notify_url === undefined ? undefined : notifyUrlProblem(body.notify_url),
      amount ? undefined : { field: 'amount', issue: '必填' },
      amount ? positiveIntProblem(amount.refund, 'amount.refund') : undefined,
      amount ? positiveIntProblem(amount.total, 'amount.total') : undefined,
      amount ? currencyProblem(amount.currency, 'amount.currency', true) : undefined,
    );
    if (problem) return paramError(ctx, problem);

    const tx = findTransaction(deps, body.transaction_id as string | undefined, body.out_trade_no as string | undefined);
    if (!tx) return payError(ctx, 'RESOURCE_NOT_EXISTS', '订单不存在');
    const refundAmount = amount!.refund as number;
    const existing = deps.state.refunds.get(body.out_refund_no as string);
    if (existing) {
      // Retrying with the same out_refund_no is safe and returns the same refund.
      if (existing.out_trade_no !== tx.out_trade_no || existing.amount.refund !== refundAmount) {
        return payError(ctx, 'INVALID_REQUEST', '退款单号已存在，且请求参数与原退款申请不一致'); // [unverified] message
      }
      ctx.body = refundView(existing);
      return;
    }
    if (tx.trade_state !== 'SUCCESS' && tx.trade_state !== 'REFUND') return payError(ctx, 'INVALID_REQUEST', '订单未支付，不能退款'); // [unverified]
    if (amount!.total !== tx.amount.total) return payError(ctx, 'INVALID_REQUEST', '退款请求中的订单金额与原订单金额不一致'); // [unverified]
    const alreadyRefunded = [...deps.state.refunds.values()]
      .filter((r) => r.out_trade_no === tx.out_trade_no && r.status !== 'CLOSED')
      .reduce((sum, r) => sum + r.amount.refund, 0);
    if (alreadyRefunded + refundAmount > tx.amount.total) return payError(ctx, 'INVALID_REQUEST', '申请退款金额超过订单可退金额');

    const refund: Refund = {
      refund_id: refundId(deps.now()),
      out_refund_no: body.out_refund_no as string,
      transaction_id: tx.transaction_id!,
      out_trade_no: tx.out_trade_no,
      reason: body.reason as string | undefined,
      notify_url: body.notify_url as string | undefined,
      status: 'PROCESSING',
      create_time: wechatTime(deps.now()),
      amount: { refund: refundAmount, total: tx.amount.total, currency: 'CNY' },
      settlesAs: deps.faults.take('refund', 'abnormal') ? 'ABNORMAL' : 'SUCCESS',
    };
    deps.state.refunds.set(refund.out_refund_no, refund);
    tx.trade_state = 'REFUND';
    deps.scheduler.after(deps.refundSettleMs, () => settle(deps, refund, tx));
    ctx.body = refundView(refund);
  });

  router.get('/v3/refund/domestic/refunds/:outRefundNo', (ctx) => {
    const refund = deps.state.refunds.get(ctx.params.outRefundNo);
    if (!refund) return payError(ctx, 'RESOURCE_NOT_EXISTS', '退款单不存在');
    ctx.body = refundView(refund);
  });
}

function findTransaction(deps: SandboxDeps, transactionId?: string, outTradeNo?: string): Transaction | undefined {
  if (transactionId) return [...deps.state.transactions.values()].find((t) => t.transaction_id === transactionId);
  return outTradeNo ? deps.state.transactions.get(outTradeNo) : undefined;
}

function settle(deps: SandboxDeps, refund: Refund, tx: Transaction): void {
  if (refund.status !== 'PROCESSING') return;
  refund.status = refund.settlesAs;
  if (refund.status === 'SUCCESS') refund.success_time = wechatTime(deps.now());
  const url = refund.notify_url ?? tx.notify_url;
  deps.notifier.send({
    eventType: refund.status === 'SUCCESS' ? 'REFUND.SUCCESS' : 'REFUND.ABNORMAL',
    summary: refund.status === 'SUCCESS' ? '退款成功' : '退款异常',
    originalType: 'refund',
    url,
    resource: refundNotificationResource(refund, tx),
    out_trade_no: refund.out_trade_no,
    out_refund_no: refund.out_refund_no,
  });
}

export function refundView(refund: Refund): Record<string, unknown> {
  return {
    refund_id: refund.refund_id,
    out_refund_no: refund.out_refund_no,
    transaction_id: refund.transaction_id,
    out_trade_no: refund.out_trade_no,
    channel: 'ORIGINAL',
    user_received_account: '支付用户零钱',
    ...(refund.success_time ? { success_time: refund.success_time } : {}),
    create_time: refund.create_time,
    status: refund.status,
    funds_account: 'AVAILABLE',
    amount: {
      total: refund.amount.total,
      refund: refund.amount.refund,
      from: [],
      payer_total: refund.amount.total,
      payer_refund: refund.amount.refund,
      settlement_refund: refund.amount.refund,
      settlement_total: refund.amount.total,
      discount_refund: 0,
      currency: refund.amount.currency,
      refund_fee: 0,
    },
    promotion_detail: [],
  };
}

function refundNotificationResource(refund: Refund, tx: Transaction): Record<string, unknown> {
  return {
    mchid: tx.mchid,
    transaction_id: refund.transaction_id,
    out_trade_no: refund.out_trade_no,
    refund_id: refund.refund_id,
    out_refund_no: refund.out_refund_no,
    refund_status: refund.status,
    ...(refund.success_time ? { success_time: refund.success_time } : {}),
    user_received_account: '支付用户零钱',
    amount: {
      total: refund.amount.total,
      refund: refund.amount.refund,
      payer_total: refund.amount.total,
      payer_refund: refund.amount.refund,
    },
  };
}
