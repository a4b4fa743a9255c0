import type WxPay from 'wechatpay-node-v3';
import { checkSignature, normalizeSerial, readSignature, type KeyLookup } from './pay-crypto';
import { WechatPayError } from './pay-errors';
import { decryptCertificates, type PlatformKeys } from './pay-keys';

/**
 * The HTTP layer we give wechatpay-node-v3 (`pay.createHttp`). The library builds and signs each
 * request for https://api.mch.weixin.qq.com; this layer sends exactly that method, path, query,
 * headers and body to `apiBase` instead (the signature covers the path, never the host), so
 * production and the sandbox differ only in the base URL. It is also the one place that sees
 * the raw response bytes and headers, so every response's signature is verified here, before the
 * library or the adapter reads a byte of it.
 */

export const WECHATPAY_ORIGIN = 'https://api.mch.weixin.qq.com';
export const CERTIFICATES_PATH = '/v3/certificates';

export type PayHttp = Parameters<WxPay['createHttp']>[0];
/** The library's result shape (`{status, data}` or `{status, error: raw text}`), plus WeChat's Request-ID. */
export type PayOutput = { status: number; data?: unknown; error?: string; requestId?: string };
export type RawResponse = { status: number; headers: Headers; body: Buffer };
/** Throws when the response must not be trusted. */
export type ResponseCheck = (path: string, response: RawResponse) => Promise<void>;

export function createPayHttp(options: { apiBase: string; timeoutMs: number; check: ResponseCheck }): PayHttp {
  const base = options.apiBase.replace(/\/+$/, '');
  const exchange = async (method: 'GET' | 'POST', url: string, headers: Record<string, string>, body?: string): Promise<PayOutput> => {
    const path = pathOf(url);
    const response = await send(method, `${base}${path}`, headers, body, options.timeoutMs);
    await options.check(path, response);
    return toOutput(path, response);
  };
  return {
    // The library signed JSON.stringify of this very object, so these are the signed bytes.
    post: (url, params, headers) => exchange('POST', url, headers, JSON.stringify(params)),
    get: (url, headers) => exchange('GET', url, headers),
    upload: () => Promise.reject(new Error('WeChat Pay uploads are not used')),
  };
}

/** Only WeChat Pay's own URLs are rewritten: anything else would carry our signed Authorization elsewhere. */
function pathOf(url: string): string {
  if (!url.startsWith(`${WECHATPAY_ORIGIN}/`)) throw new Error(`refusing to send a WeChat Pay request to ${url}`);
  return url.slice(WECHATPAY_ORIGIN.length);
}

async function send(
  method: string,
  url: string,
  headers: Record<string, string>,
  body: string | undefined,
  timeoutMs: number,
): Promise<RawResponse> {
  const where = `${method} ${new URL(url).pathname}`;
  try {
    // No redirects: WeChat Pay never redirects, and a redirect must not take our Authorization along.
    const response = await fetch(url, { method, headers, body, redirect: 'error', signal: AbortSignal.timeout(timeoutMs) });
    return { status: response.status, headers: response.headers, body: Buffer.from(await response.arrayBuffer()) };
  } catch (err) {
    throw new WechatPayError(undefined, 'NETWORK', `${where}: no answer from WeChat Pay (${causeOf(err)})`);
  }
}

/** fetch wraps the reason (ECONNREFUSED, ETIMEDOUT, …) in `cause`; a timeout is a TimeoutError itself. */
function causeOf(err: unknown): string {
  const cause = (err as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (err as Error).name ?? 'unknown';
}

function toOutput(path: string, response: RawResponse): PayOutput {
  const requestId = response.headers.get('request-id') ?? undefined;
  const text = response.body.toString('utf8');
  if (response.status < 200 || response.status >= 300) return { status: response.status, error: text, requestId };
  if (!text) return { status: response.status, requestId };
  try {
    return { status: response.status, data: JSON.parse(text), requestId };
  } catch {
    throw new WechatPayError(response.status, 'BAD_RESPONSE', `${path}: answer is not JSON`, undefined, requestId);
  }
}

/**
 * WeChat signs every answer, errors and 204s included, with `TS\nNONCE\nBODY\n`. A success that
 * does not verify is BAD_RESPONSE_SIGNATURE; so is a failure whose signature is wrong (its error
 * code could otherwise be forged, e.g. ORDERPAID). A failure we cannot check at all (unsigned,
 * like a proxy's 502, or signed by a key we do not have, like a failed first certificate
 * download) is HTTP_ERROR: its body is never read, it proves only that the call failed.
 */
export function verifyResponses(keys: PlatformKeys, apiV3Key: string, clock: () => Date): ResponseCheck {
  return async (path, response) => {
    const requestId = response.headers.get('request-id') ?? undefined;
    const signature = readSignature((name) => response.headers.get(name) ?? undefined);
    const succeeded = response.status >= 200 && response.status < 300;
    if (!signature && !succeeded) {
      throw new WechatPayError(response.status, 'HTTP_ERROR', `${path}: unsigned HTTP ${response.status}`, undefined, requestId);
    }
    const problem = signature
      ? await checkSignature(signature, response.body, signerKeys(path, response, keys, apiV3Key), clock())
      : 'bad_signature';
    if (problem === 'unknown_serial' && !succeeded) {
      throw new WechatPayError(
        response.status,
        'HTTP_ERROR',
        `${path}: HTTP ${response.status} signed by an unknown key`,
        undefined,
        requestId,
      );
    }
    if (problem) {
      throw new WechatPayError(
        response.status,
        'BAD_RESPONSE_SIGNATURE',
        `${path}: response signature rejected (${problem})`,
        { reason: problem },
        requestId,
      );
    }
  };
}

/**
 * Which keys may have signed this answer. A certificate listing is signed by one of the
 * certificates inside it: those are decrypted first (their GCM tag proves they come from WeChat,
 * the only other holder of the APIv3 key). Any other answer about certificates is checked only
 * against certificates already known, since a download must not start another download.
 */
function signerKeys(path: string, response: RawResponse, keys: PlatformKeys, apiV3Key: string): KeyLookup {
  if (path !== CERTIFICATES_PATH) return (serial) => keys.find(serial);
  if (response.status !== 200) return (serial) => keys.find(serial, { refresh: false });
  const listed = listedCertificates(response, apiV3Key);
  return async (serial) => listed.get(normalizeSerial(serial));
}

function listedCertificates(response: RawResponse, apiV3Key: string) {
  try {
    return decryptCertificates(JSON.parse(response.body.toString('utf8')), apiV3Key);
  } catch (err) {
    const reason = `certificate listing does not decrypt: ${(err as Error).message}`;
    throw new WechatPayError(response.status, 'BAD_RESPONSE_SIGNATURE', `${CERTIFICATES_PATH}: ${reason}`, { reason: 'bad_ciphertext' });
  }
}
