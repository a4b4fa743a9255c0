import type Router from '@koa/router';
import type { RequestState, SandboxContext, SandboxDeps } from '../context';
import { jsonObject } from '../http';
import { prepayId, transactionId, wechatTime } from '../ids';
import type { Transaction } from '../state';
import { payError } from './errors';
import {
  currencyProblem,
  firstProblem,
  notifyUrlProblem,
  objectOf,
  OUT_TRADE_NO,
  positiveIntProblem,
  stableStringify,
  stringProblem,
  timeExpireProblem,
  type FieldProblem,
} from './validate';

/**
 * JSAPI (mini-program) payments: prepay, query, close; and the customer's side of paying,
 * which /sandbox/pay/confirm drives.
 */
export function transactionRoutes(router: Router<RequestState>, deps: SandboxDeps): void {
  router.post('/v3/pay/transactions/jsapi', (ctx) => {
    const body = jsonObject(ctx.state.rawBody);
    if (!body) return payError(ctx, 'PARAM_ERROR', '请求体不是合法的JSON对象');
    const problem = jsapiProblem(body);
    if (problem) return paramError(ctx, problem);
    if (body.mchid !== deps.creds.mchid) return payError(ctx, 'INVALID_REQUEST', '请求中的mchid与Authorization中的商户号不一致'); // [unverified] code
    if (body.appid !== deps.creds.appid) return payError(ctx, 'APPID_MCHID_NOT_MATCH');

    const outTradeNo = body.out_trade_no as string;
    const fingerprint = stableStringify(body);
    const existing = deps.state.transactions.get(outTradeNo);
    if (existing) {
      // Re-prepaying the same order with the same parameters is how a client retries safely.
      if (existing.trade_state === 'SUCCESS' || existing.trade_state === 'REFUND') return payError(ctx, 'ORDERPAID');
      if (existing.trade_state === 'CLOSED') return payError(ctx, 'ORDER_CLOSED');
      if (existing.fingerprint !== fingerprint) return payError(ctx, 'INVALID_REQUEST', '201 商户订单号重复'); // [unverified] message
      ctx.body = { prepay_id: existing.prepay_id };
      return;
    }
    const amount = objectOf(body.amount)!;
    const now = deps.now();
    const tx: Transaction = {
      appid: body.appid as string,
      mchid: body.mchid as string,
      out_trade_no: outTradeNo,
      description: body.description as string,
      attach: body.attach as string | undefined,
      notify_url: body.notify_url as string,
      time_expire: body.time_expire as string | undefined,
      amount: { total: amount.total as number, currency: (amount.currency as string | undefined) ?? 'CNY' },
      payer: { openid: objectOf(body.payer)!.openid as string },
      prepay_id: prepayId(now),
      fingerprint,
      created_at: wechatTime(now),
      trade_state: 'NOTPAY',
    };
    deps.state.transactions.set(outTradeNo, tx);
    ctx.body = { prepay_id: tx.prepay_id };
  });

  router.get('/v3/pay/transactions/out-trade-no/:outTradeNo', (ctx) => {
    if (!mchidQueryOk(deps, ctx)) return;
    const tx = deps.state.transactions.get(ctx.params.outTradeNo);
    if (!tx) return payError(ctx, 'ORDER_NOT_EXIST');
    ctx.body = transactionView(tx);
  });

  router.get('/v3/pay/transactions/id/:transactionId', (ctx) => {
    if (!mchidQueryOk(deps, ctx)) return;
    const tx = [...deps.state.transactions.values()].find((t) => t.transaction_id === ctx.params.transactionId);
    if (!tx) return payError(ctx, 'ORDER_NOT_EXIST');
    ctx.body = transactionView(tx);
  });

  router.post('/v3/pay/transactions/out-trade-no/:outTradeNo/close', (ctx) => {
    const body = jsonObject(ctx.state.rawBody);
    if (!body || typeof body.mchid !== 'string') return paramError(ctx, { field: 'mchid', issue: '必填' });
    if (body.mchid !== deps.creds.mchid) return payError(ctx, 'INVALID_REQUEST', '请求中的mchid与Authorization中的商户号不一致');
    const tx = deps.state.transactions.get(ctx.params.outTradeNo);
    if (!tx) return payError(ctx, 'ORDER_NOT_EXIST');
    // [unverified] closing a paid order: WeChat answers ORDERPAID; the HTTP status is a guess.
    if (tx.trade_state === 'SUCCESS' || tx.trade_state === 'REFUND') return payError(ctx, 'ORDERPAID');
    tx.trade_state = 'CLOSED'; // closing twice is fine
    ctx.status = 204;
  });
}

export type ConfirmOutcome = { ok: true; tx: Transaction } | { ok: false; code: 'ORDER_CLOSED' | 'ORDER_EXPIRED'; message: string };

/**
 * The customer pays in WeChat: the order becomes SUCCESS and the TRANSACTION.SUCCESS
 * notification goes out. Paying an already paid order changes nothing (no second notification).
 */
export function confirmPayment(deps: SandboxDeps, tx: Transaction): ConfirmOutcome {
  if (tx.trade_state === 'SUCCESS' || tx.trade_state === 'REFUND') return { ok: true, tx };
  if (tx.trade_state === 'CLOSED') return { ok: false, code: 'ORDER_CLOSED', message: '订单已关闭，无法支付' };
  const now = deps.now();
  if (tx.time_expire && now.getTime() > Date.parse(tx.time_expire)) {
    return { ok: false, code: 'ORDER_EXPIRED', message: '订单已过期，无法支付' };
  }
  tx.trade_state = 'SUCCESS';
  tx.transaction_id = transactionId(now);
  tx.success_time = wechatTime(now);
  tx.bank_type = 'OTHERS';
  deps.notifier.send({
    eventType: 'TRANSACTION.SUCCESS',
    summary: '支付成功',
    originalType: 'transaction',
    url: tx.notify_url,
    resource: transactionView(tx),
    out_trade_no: tx.out_trade_no,
  });
  return { ok: true, tx };
}

const TRADE_STATE_DESC: Record<Transaction['trade_state'], string> = {
  NOTPAY: '订单未支付',
  SUCCESS: '支付成功',
  REFUND: '转入退款',
  CLOSED: '订单已关闭',
};

/**
 * The query-order shape (also the TRANSACTION.SUCCESS plaintext). Unpaid orders carry no
 * transaction_id, payer or attach, as WeChat's do [unverified: exact field set when unpaid].
 */
export function transactionView(tx: Transaction): Record<string, unknown> {
  const common = {
    appid: tx.appid,
    mchid: tx.mchid,
    out_trade_no: tx.out_trade_no,
    trade_state: tx.trade_state,
    trade_state_desc: TRADE_STATE_DESC[tx.trade_state],
  };
  if (tx.trade_state === 'NOTPAY' || tx.trade_state === 'CLOSED') {
    return {
      ...common,
      amount: { total: tx.amount.total, currency: tx.amount.currency, payer_currency: 'CNY' },
      payer: {},
      promotion_detail: [],
    };
  }
  return {
    ...common,
    transaction_id: tx.transaction_id,
    trade_type: 'JSAPI',
    bank_type: tx.bank_type,
    attach: tx.attach ?? '',
    success_time: tx.success_time,
    payer: { openid: tx.payer.openid },
    amount: { total: tx.amount.total, payer_total: tx.amount.total, currency: tx.amount.currency, payer_currency: 'CNY' },
    promotion_detail: [],
  };
}

function jsapiProblem(body: Record<string, unknown>): FieldProblem | undefined {
  const amount = objectOf(body.amount);
  const payer = objectOf(body.payer);
  return firstProblem(
    stringProblem(body.appid, 'appid', { required: true, maxBytes: 32 }),
    stringProblem(body.mchid, 'mchid', { required: true, maxBytes: 32 }),
    stringProblem(body.description, 'description', { required: true, maxBytes: 127 }),
    typeof body.out_trade_no === 'string' && OUT_TRADE_NO.test(body.out_trade_no)
      ? undefined
      : { field: 'out_trade_no', issue: '必须为6-32位数字、大小写字母或_-|*' },
    timeExpireProblem(body.time_expire),
    stringProblem(body.attach, 'attach', { required: false, maxBytes: 128 }),
    notifyUrlProblem(body.notify_url),
    amount ? undefined : { field: 'amount', issue: '必填' },
    amount ? positiveIntProblem(amount.total, 'amount.total') : undefined,
    amount ? currencyProblem(amount.currency, 'amount.currency', false) : undefined,
    payer ? stringProblem(payer.openid, 'payer.openid', { required: true, maxBytes: 128 }) : { field: 'payer', issue: '必填' },
  );
}

export function paramError(ctx: SandboxContext, problem: FieldProblem): void {
  payError(ctx, 'PARAM_ERROR', `输入源“/body/${problem.field.replace(/\./g, '/')}”校验失败：${problem.issue}`, {
    location: 'body',
    field: problem.field,
    issue: problem.issue,
  });
}

function mchidQueryOk(deps: SandboxDeps, ctx: SandboxContext): boolean {
  const mchid = ctx.query.mchid;
  if (typeof mchid !== 'string' || !mchid) {
    payError(ctx, 'PARAM_ERROR', '输入源“/query/mchid”校验失败：必填', { location: 'query', field: 'mchid', issue: '必填' });
    return false;
  }
  if (mchid !== deps.creds.mchid) {
    payError(ctx, 'INVALID_REQUEST', '请求中的mchid与Authorization中的商户号不一致');
    return false;
  }
  return true;
}
