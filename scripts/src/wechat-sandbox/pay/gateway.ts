import type { Middleware } from 'koa';
import type { RequestState, SandboxContext, SandboxDeps } from '../context';
import type { PayApi } from '../faults';
import { requestId } from '../ids';
import {
  parseAuthorization,
  platformSignatureHeaders,
  requestMessage,
  rsaVerify,
  sameSerial,
  signatureClock,
  TIMESTAMP_WINDOW_SECONDS,
} from '../signing';
import { codeForStatus, isPayErrorCode, payError } from './errors';

/**
 * The front door of api.mch.weixin.qq.com/v3: every request's Authorization signature is
 * verified against the merchant certificate over the exact bytes received, injected faults are
 * applied, and every response (errors and 204s included) is signed with the platform key.
 */
export function payGateway(deps: SandboxDeps): Middleware<RequestState> {
  return async (ctx, next) => {
    if (!ctx.path.startsWith('/v3/')) return next();
    const api = classify(ctx.method, ctx.path);
    try {
      const problem = verifyRequest(deps, ctx);
      if (problem) {
        payError(ctx, 'SIGN_ERROR', undefined, { location: 'authorization', issue: problem });
      } else if (!(await injectedFailure(deps, ctx, api))) {
        await next();
        if (ctx.status === 404 && ctx.body === undefined) payError(ctx, 'NOT_FOUND');
      }
    } catch (err) {
      console.error('[wechat-sandbox] pay handler failed', err);
      payError(ctx, 'SYSTEM_ERROR');
    }
    signResponse(deps, ctx, api !== undefined && deps.faults.take(api, 'bad_signature') !== undefined);
  };
}

/** Which API a request is, for fault injection. */
export function classify(method: string, path: string): PayApi | undefined {
  if (method === 'GET' && path === '/v3/certificates') return 'certificates';
  if (method === 'POST' && path === '/v3/pay/transactions/jsapi') return 'jsapi';
  if (method === 'POST' && /^\/v3\/pay\/transactions\/out-trade-no\/[^/]+\/close$/.test(path)) return 'close';
  if (method === 'GET' && /^\/v3\/pay\/transactions\/(out-trade-no|id)\/[^/]+$/.test(path)) return 'query';
  if (method === 'POST' && path === '/v3/refund/domestic/refunds') return 'refund';
  if (method === 'GET' && /^\/v3\/refund\/domestic\/refunds\/[^/]+$/.test(path)) return 'refund_query';
  return undefined;
}

/** Returns why the request's signature is not acceptable, or undefined when it is. */
function verifyRequest(deps: SandboxDeps, ctx: SandboxContext): string | undefined {
  const auth = parseAuthorization(ctx.get('Authorization'));
  if (!auth) return 'Authorization header is missing or not WECHATPAY2-SHA256-RSA2048';
  const { mchid, nonce_str: nonce, timestamp, serial_no: serial, signature } = auth;
  if (!mchid || !nonce || !timestamp || !serial || !signature)
    return 'Authorization lacks mchid, nonce_str, timestamp, serial_no or signature';
  if (mchid !== deps.creds.mchid) return `mchid ${mchid} does not exist`;
  if (!sameSerial(serial, deps.creds.merchant.serialNo)) return `serial_no ${serial} is not an API certificate of merchant ${mchid}`;
  const skew = Math.abs(signatureClock().getTime() / 1000 - Number(timestamp));
  if (!/^\d{1,12}$/.test(timestamp) || skew > TIMESTAMP_WINDOW_SECONDS) return 'timestamp is more than 5 minutes away from WeChat Pay time';
  // The canonical URL is the path and query exactly as sent; the body is the exact bytes.
  const head = requestMessage(ctx.method, ctx.originalUrl, timestamp, nonce, '').slice(0, -1);
  const message = Buffer.concat([Buffer.from(head, 'utf8'), ctx.state.rawBody, Buffer.from('\n')]);
  if (!rsaVerify(message, signature, deps.creds.merchant.certPem)) return 'signature does not verify with the merchant certificate';
  return undefined;
}

/** Applies delay / http_error / errcode faults; true when the request was answered by one. */
async function injectedFailure(deps: SandboxDeps, ctx: SandboxContext, api: PayApi | undefined): Promise<boolean> {
  if (!api) return false;
  const delay = deps.faults.take(api, 'delay');
  if (delay) await deps.scheduler.sleep(Number(delay.value));
  const httpError = deps.faults.take(api, 'http_error');
  if (httpError) {
    const status = typeof httpError.value === 'number' ? httpError.value : 500;
    payError(ctx, codeForStatus(status), httpError.message);
    ctx.status = status;
    return true;
  }
  const errcode = deps.faults.take(api, 'errcode');
  if (errcode) {
    const code = String(errcode.value);
    if (isPayErrorCode(code)) payError(ctx, code, errcode.message);
    else {
      ctx.status = 400;
      ctx.body = { code, message: errcode.message ?? 'sandbox injected error' };
    }
    return true;
  }
  return false;
}

/** Serialises the body once and signs exactly those bytes. */
function signResponse(deps: SandboxDeps, ctx: SandboxContext, corrupt: boolean): void {
  let body = '';
  if (ctx.status !== 204 && ctx.body !== undefined && ctx.body !== null) {
    body = typeof ctx.body === 'string' ? ctx.body : Buffer.isBuffer(ctx.body) ? ctx.body.toString('utf8') : JSON.stringify(ctx.body);
    const status = ctx.status;
    ctx.body = body;
    ctx.status = status;
    ctx.type = 'application/json; charset=utf-8';
  }
  const headers = platformSignatureHeaders(deps.creds, deps.payMode, body, signatureClock(), corrupt ? 'wrong_bytes' : undefined);
  for (const [name, value] of Object.entries(headers)) ctx.set(name, value);
  ctx.set('Request-ID', requestId());
}
