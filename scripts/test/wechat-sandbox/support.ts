import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import WxPay from 'wechatpay-node-v3';
import type { SandboxCredentials } from '../../src/wechat-sandbox/credentials';
import { requestMessage, responseMessage } from '../../src/wechat-sandbox/signing';

/** Test helpers: a raw HTTP client, a WeChat Pay request signer, and a notification receiver. */

export type RawResponse = { status: number; headers: http.IncomingHttpHeaders; body: Buffer; text: string };

/** Plain node:http without keep-alive, so nothing lingers after a test. */
export function request(
  url: string,
  init: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {},
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: init.method ?? 'GET', headers: init.headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const body = Buffer.concat(chunks);
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body, text: body.toString('utf8') });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(init.body);
  });
}

/**
 * A parsed JSON body. The tests read fields of many sandbox responses straight off it and assert
 * them with expect, like supertest's `res.body`.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- asserted field by field by expect; a type per endpoint would add nothing
export type Json = any;

export async function getJson(url: string): Promise<Json> {
  return JSON.parse((await request(url)).text);
}

export async function postJson(url: string, body: unknown): Promise<RawResponse & { json: Json }> {
  const res = await request(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  let json: Json;
  try {
    json = JSON.parse(res.text);
  } catch {
    json = undefined;
  }
  return { ...res, json };
}

export type SignOptions = {
  timestamp?: number;
  nonce?: string;
  serial?: string;
  privateKeyPem?: string;
  mchid?: string;
  signedBody?: string;
};

/** Signs a WeChat Pay v3 request the way the merchant SDKs do; options let tests break one part. */
export function authorization(
  creds: SandboxCredentials,
  method: string,
  pathAndQuery: string,
  body: string,
  opts: SignOptions = {},
): string {
  const timestamp = String(opts.timestamp ?? Math.floor(Date.now() / 1000));
  const nonce = opts.nonce ?? crypto.randomBytes(16).toString('hex');
  const message = requestMessage(method, pathAndQuery, timestamp, nonce, opts.signedBody ?? body);
  const signature = crypto
    .createSign('RSA-SHA256')
    .update(message)
    .sign(opts.privateKeyPem ?? creds.merchant.privateKeyPem, 'base64');
  return `WECHATPAY2-SHA256-RSA2048 mchid="${opts.mchid ?? creds.mchid}",nonce_str="${nonce}",signature="${signature}",timestamp="${timestamp}",serial_no="${opts.serial ?? creds.merchant.serialNo}"`;
}

export function signedRequest(
  base: string,
  creds: SandboxCredentials,
  method: string,
  pathAndQuery: string,
  body = '',
  opts: SignOptions = {},
) {
  return request(base + pathAndQuery, {
    method,
    headers: {
      Authorization: authorization(creds, method, pathAndQuery, body, opts),
      Accept: 'application/json',
      ...(body ? { 'Content-Type': 'application/json' } : {}),
    },
    body: body || undefined,
  });
}

/** Verifies Wechatpay-* headers over the raw bytes with the given key (cert or public key PEM). */
export function verifyWechatpaySignature(headers: http.IncomingHttpHeaders, rawBody: string, keyPem: string): boolean {
  const ts = String(headers['wechatpay-timestamp']);
  const nonce = String(headers['wechatpay-nonce']);
  const signature = String(headers['wechatpay-signature']);
  try {
    return crypto
      .createVerify('RSA-SHA256')
      .update(responseMessage(ts, nonce, rawBody))
      .verify(keyPem, signature, 'base64');
  } catch {
    return false;
  }
}

/** Our own AES-256-GCM decryption that checks the tag (wechatpay-node-v3's decipher_gcm does not). */
export function decrypt(apiV3Key: string, resource: { ciphertext: string; associated_data: string; nonce: string }): string {
  const data = Buffer.from(resource.ciphertext, 'base64');
  const decipher = crypto.createDecipheriv('aes-256-gcm', Buffer.from(apiV3Key), Buffer.from(resource.nonce));
  decipher.setAAD(Buffer.from(resource.associated_data));
  decipher.setAuthTag(data.subarray(data.length - 16));
  return Buffer.concat([decipher.update(data.subarray(0, data.length - 16)), decipher.final()]).toString('utf8');
}

export type PayResponseLog = { url: string; status: number; headers: http.IncomingHttpHeaders; text: string };

/**
 * The official wechatpay-node-v3 client, with an HTTP layer that only rewrites the origin
 * (the signature covers the path only). Every raw response is logged for signature checks.
 */
export function officialClient(creds: SandboxCredentials, sandboxUrl: string): { pay: WxPay; responses: PayResponseLog[] } {
  const pay = new WxPay({
    appid: creds.appid,
    mchid: creds.mchid,
    publicKey: Buffer.from(creds.merchant.certPem),
    privateKey: Buffer.from(creds.merchant.privateKeyPem),
    serial_no: creds.merchant.serialNo,
    key: creds.apiV3Key,
  });
  const responses: PayResponseLog[] = [];
  const send = async (url: string, method: string, headers: Record<string, string>, body?: string) => {
    const target = url.replace('https://api.mch.weixin.qq.com', sandboxUrl);
    const res = await request(target, { method, headers, body });
    responses.push({ url: target, status: res.status, headers: res.headers, text: res.text });
    if (res.status >= 200 && res.status < 300) return { status: res.status, data: res.text ? JSON.parse(res.text) : undefined };
    return { status: res.status, error: res.text };
  };
  pay.createHttp({
    post: (url, params, headers) => send(url, 'POST', headers, JSON.stringify(params)),
    get: (url, headers) => send(url, 'GET', headers),
    upload: () => Promise.reject(new Error('upload is not used')),
  });
  return { pay, responses };
}

export type ReceivedNotification = { headers: http.IncomingHttpHeaders; body: string; at: number };

/** A local notify_url: records every POST and answers with whatever `answer` says. */
export async function startReceiver(answer: (n: ReceivedNotification, index: number) => number = () => 204) {
  const received: ReceivedNotification[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const n = { headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), at: Date.now() };
      received.push(n);
      const status = answer(n, received.length - 1);
      res.writeHead(status, { 'Content-Type': 'application/json', Connection: 'close' });
      res.end(status >= 300 ? JSON.stringify({ code: 'FAIL', message: '失败' }) : '');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/notify/wechatpay`,
    received,
    setAnswer(next: typeof answer) {
      answer = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Polls until `check` returns a truthy value (the sandbox works in the background). */
export async function waitFor<T>(check: () => T | undefined | false, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 10));
  }
}

let counter = 0;
/** Unique out_trade_no / out_refund_no values per test. */
export function uniqueNo(prefix: string): string {
  counter += 1;
  return `${prefix}${Date.now()}${counter}`;
}
