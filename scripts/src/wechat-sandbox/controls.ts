import Router from '@koa/router';
import type { RequestState, SandboxContext, SandboxDeps } from './context';
import { parseFault } from './faults';
import { jsonObject, str } from './http';
import { OPENID_PATTERN } from './mini-program/common';
import { issuePhoneCode } from './mini-program/phone';
import { issueLoginCode } from './mini-program/session';
import { confirmPayment } from './pay/transactions';
import { resetState, subscriptionKey } from './state';

/**
 * Test-only controls under /sandbox/*: they stand in for what a user does inside WeChat (log in,
 * share a phone number, allow a subscription, pay) and let tests inspect and perturb the sandbox.
 * Errors use the house shape `{code, message}`.
 */
export function controlRoutes(deps: SandboxDeps): Router<RequestState> {
  const router = new Router<RequestState>({ prefix: '/sandbox' });
  const { state } = deps;

  router.get('/health', (ctx) => {
    ctx.body = { status: 'ok', payMode: deps.payMode };
  });

  /** wx.login: a code jscode2session accepts once. */
  router.get('/login-code', (ctx) => {
    const openid = str(ctx.query.openid);
    const unionid = str(ctx.query.unionid);
    if (!openid || !OPENID_PATTERN.test(openid)) return fail(ctx, 400, 'INVALID_OPENID', 'openid 必填，且只能包含字母、数字、_ 和 -');
    ctx.body = { code: issueLoginCode(deps, openid, unionid || undefined) };
  });

  /** The user allows getPhoneNumber. */
  router.get('/phone-code', (ctx) => {
    const openid = str(ctx.query.openid);
    const phone = str(ctx.query.phone);
    const countryCode = str(ctx.query.countryCode) ?? '86';
    if (!openid || !OPENID_PATTERN.test(openid)) return fail(ctx, 400, 'INVALID_OPENID', 'openid 必填');
    if (!phone || !/^\d{5,20}$/.test(phone)) return fail(ctx, 400, 'INVALID_PHONE', 'phone 必须为5-20位数字（不含区号）');
    if (!/^\d{1,4}$/.test(countryCode)) return fail(ctx, 400, 'INVALID_COUNTRY_CODE', 'countryCode 必须为1-4位数字');
    ctx.body = { code: issuePhoneCode(deps, openid, phone, countryCode) };
  });

  /** The user tapped 允许 in wx.requestSubscribeMessage: `count` one-time subscriptions. */
  router.post('/subscriptions', (ctx) => {
    const body = jsonObject(ctx.state.rawBody) ?? {};
    const openid = str(body.openid);
    const templateId = str(body.templateId);
    const count = body.count ?? 1;
    if (!openid || !OPENID_PATTERN.test(openid)) return fail(ctx, 400, 'INVALID_OPENID', 'openid 必填');
    if (!templateId) return fail(ctx, 400, 'INVALID_TEMPLATE', 'templateId 必填');
    if (typeof count !== 'number' || !Number.isInteger(count) || count < 1) return fail(ctx, 400, 'INVALID_COUNT', 'count 必须为正整数');
    const key = subscriptionKey(openid, templateId);
    const remaining = (state.subscriptions.get(key) ?? 0) + count;
    state.subscriptions.set(key, remaining);
    ctx.body = { openid, templateId, remaining };
  });

  router.get('/subscriptions', (ctx) => {
    const openid = str(ctx.query.openid);
    ctx.body = [...state.subscriptions.entries()]
      .map(([key, remaining]) => {
        const [owner, templateId] = key.split(' ');
        return { openid: owner, templateId, remaining };
      })
      .filter((s) => !openid || s.openid === openid);
  });

  /** The customer pays in WeChat. Idempotent: a second confirm returns the same transaction. */
  router.post('/pay/confirm', (ctx) => {
    const body = jsonObject(ctx.state.rawBody) ?? {};
    const prepayId = str(body.prepay_id)?.replace(/^prepay_id=/, '');
    const outTradeNo = str(body.out_trade_no);
    if (!prepayId && !outTradeNo) return fail(ctx, 400, 'INVALID_REQUEST', 'prepay_id 或 out_trade_no 必填');
    const tx = prepayId
      ? [...state.transactions.values()].find((t) => t.prepay_id === prepayId)
      : outTradeNo
        ? state.transactions.get(outTradeNo)
        : undefined;
    if (!tx) return fail(ctx, 404, 'ORDER_NOT_EXIST', '订单不存在');
    const outcome = confirmPayment(deps, tx);
    if (!outcome.ok) return fail(ctx, 409, outcome.code, outcome.message);
    ctx.body = { out_trade_no: tx.out_trade_no, transaction_id: tx.transaction_id, trade_state: tx.trade_state };
  });

  router.get('/messages', (ctx) => {
    const touser = str(ctx.query.touser);
    ctx.body = state.messages.filter((m) => !touser || m.touser === touser);
  });

  router.get('/transactions', (ctx) => {
    const outTradeNo = str(ctx.query.out_trade_no);
    ctx.body = [...state.transactions.values()]
      .filter((t) => !outTradeNo || t.out_trade_no === outTradeNo)
      .map(({ fingerprint: _fingerprint, ...rest }) => rest);
  });

  router.get('/refunds', (ctx) => {
    const outTradeNo = str(ctx.query.out_trade_no);
    ctx.body = [...state.refunds.values()].filter((r) => !outTradeNo || r.out_trade_no === outTradeNo);
  });

  /** Notifications and every delivery attempt (the encrypted body is left out; `resource` is its plaintext). */
  router.get('/notifications', (ctx) => {
    const outTradeNo = str(ctx.query.out_trade_no);
    const eventType = str(ctx.query.event_type);
    ctx.body = state.notifications
      .filter((n) => (!outTradeNo || n.out_trade_no === outTradeNo) && (!eventType || n.event_type === eventType))
      .map(({ body: _body, ...rest }) => rest);
  });

  router.get('/tokens', (ctx) => {
    ctx.body = { issued: state.tokensIssued, byKind: state.tokensIssuedByKind };
  });

  router.get('/faults', (ctx) => {
    ctx.body = state.faults;
  });

  router.post('/faults', (ctx) => {
    const parsed = parseFault(jsonObject(ctx.state.rawBody));
    if (!parsed.ok) return fail(ctx, 400, 'INVALID_FAULT', parsed.message);
    ctx.status = 201;
    ctx.body = deps.faults.add(parsed.fault);
  });

  router.delete('/faults', (ctx) => {
    deps.faults.clear();
    ctx.status = 204;
  });

  /**
   * Moves WeChat's business clock (tokens, codes, links, time_expire, success_time age with it).
   * Signature timestamps keep using the real clock: see signatureClock in signing.ts.
   */
  router.post('/clock', (ctx) => {
    const body = jsonObject(ctx.state.rawBody) ?? {};
    const seconds = body.advanceSeconds;
    if (typeof seconds !== 'number' || !Number.isFinite(seconds)) return fail(ctx, 400, 'INVALID_REQUEST', 'advanceSeconds 必须为数字');
    state.clockOffsetMs += seconds * 1000;
    ctx.body = { now: deps.now().toISOString(), offsetSeconds: state.clockOffsetMs / 1000 };
  });

  /** Forgets everything (codes, tokens, orders, refunds, notifications, faults); keeps credentials. */
  router.post('/reset', (ctx) => {
    resetState(state);
    ctx.status = 204;
  });

  return router;
}

function fail(ctx: SandboxContext, status: number, code: string, message: string): void {
  ctx.status = status;
  ctx.body = { code, message };
}
