import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startSandbox } from '../../src/wechat-sandbox/app';
import {
  credentialsEnv,
  generateCredentials,
  loadOrCreateCredentials,
  type SandboxCredentials,
} from '../../src/wechat-sandbox/credentials';
import { getJson, postJson, request, signedRequest } from './support';

describe('credentials', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wechat-sandbox-'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('generates WeChat-shaped secrets and matching RSA-2048 key pairs', async () => {
    const c = await generateCredentials();
    expect(c.appid).toMatch(/^wx[0-9a-f]{16}$/);
    expect(c.mchid).toMatch(/^1\d{9}$/);
    expect(c.apiV3Key).toMatch(/^[A-Za-z0-9]{32}$/);
    expect(c.platform.publicKeyId).toMatch(/^PUB_KEY_ID_\d+$/);
    for (const party of [c.merchant, c.platform]) {
      const cert = new crypto.X509Certificate(party.certPem);
      expect(party.serialNo).toBe(cert.serialNumber);
      expect(party.serialNo).toMatch(/^[0-9A-F]+$/);
      expect(cert.publicKey.asymmetricKeyDetails?.modulusLength).toBe(2048);
      expect(cert.checkPrivateKey(crypto.createPrivateKey(party.privateKeyPem))).toBe(true);
    }
    expect(crypto.createPublicKey(c.platform.publicKeyPem).equals(new crypto.X509Certificate(c.platform.certPem).publicKey)).toBe(true);
    expect(c.merchant.serialNo).not.toBe(c.platform.serialNo);
  });

  it('caches them in the directory and reuses them', async () => {
    const first = await loadOrCreateCredentials(dir);
    const second = await loadOrCreateCredentials(dir);
    expect(second).toEqual(first);
    expect(fs.statSync(path.join(dir, 'credentials.json')).mode & 0o777).toBe(0o600);
  });

  it('regenerates a corrupt cache', async () => {
    const sub = path.join(dir, 'corrupt');
    fs.mkdirSync(sub);
    fs.writeFileSync(path.join(sub, 'credentials.json'), '{not json');
    const creds = await loadOrCreateCredentials(sub);
    expect(creds.apiV3Key).toHaveLength(32);
  });

  it('gives the BFF its env, with the platform public key only in public-key mode', async () => {
    const c = await loadOrCreateCredentials(dir);
    const certificateEnv = credentialsEnv(c, 'certificate');
    expect(Object.keys(certificateEnv).sort()).toEqual(
      [
        'WECHATPAY_APIV3_KEY',
        'WECHATPAY_MCHID',
        'WECHATPAY_MERCHANT_CERT',
        'WECHATPAY_MERCHANT_PRIVATE_KEY',
        'WECHATPAY_MERCHANT_SERIAL',
        'WECHAT_APPID',
        'WECHAT_APP_SECRET',
      ].sort(),
    );
    const publicKeyEnv = credentialsEnv(c, 'public_key');
    expect(publicKeyEnv.WECHATPAY_PLATFORM_PUBLIC_KEY_ID).toBe(c.platform.publicKeyId);
    expect(publicKeyEnv.WECHATPAY_PLATFORM_PUBLIC_KEY).toContain('-----BEGIN PUBLIC KEY-----\n');
    expect(publicKeyEnv.WECHATPAY_MERCHANT_PRIVATE_KEY).toContain('-----BEGIN PRIVATE KEY-----\n');
  });
});

describe('controls', () => {
  let creds: SandboxCredentials;
  let base: string;
  let close: () => Promise<void>;
  beforeAll(async () => {
    creds = await generateCredentials();
    ({ url: base, close } = await startSandbox({ credentials: creds, payMode: 'public_key' }));
  });
  afterAll(() => close());

  it('answers health and CORS preflights from any origin', async () => {
    const health = await request(`${base}/sandbox/health`, { headers: { Origin: 'http://127.0.0.1:10086' } });
    expect(JSON.parse(health.text)).toEqual({ status: 'ok', payMode: 'public_key' });
    expect(health.headers['access-control-allow-origin']).toBe('http://127.0.0.1:10086');
    const preflight = await request(`${base}/sandbox/pay/confirm`, {
      method: 'OPTIONS',
      headers: {
        Origin: 'http://localhost:10086',
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'content-type',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers['access-control-allow-methods']).toContain('POST');
    expect(preflight.headers['access-control-allow-headers']).toBe('content-type');
    // The WeChat API paths are server-to-server and get no CORS headers.
    const api = await request(`${base}/cgi-bin/token`, { headers: { Origin: 'http://localhost:10086' } });
    expect(api.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('validates control input', async () => {
    expect((await request(`${base}/sandbox/login-code`)).status).toBe(400);
    expect((await request(`${base}/sandbox/phone-code?openid=demo-customer-1&phone=abc`)).status).toBe(400);
    expect((await postJson(`${base}/sandbox/subscriptions`, { openid: 'demo-customer-1' })).status).toBe(400);
    expect((await postJson(`${base}/sandbox/pay/confirm`, {})).status).toBe(400);
    expect((await postJson(`${base}/sandbox/pay/confirm`, { prepay_id: 'wx-nope' })).status).toBe(404);
    expect((await postJson(`${base}/sandbox/clock`, { advanceSeconds: 'x' })).status).toBe(400);
  });

  it('lists and clears faults; reset forgets everything', async () => {
    const added = await postJson(`${base}/sandbox/faults`, { api: 'jsapi', kind: 'http_error', value: 503, times: 2 });
    expect(added.status).toBe(201);
    expect(await getJson(`${base}/sandbox/faults`)).toEqual([expect.objectContaining({ api: 'jsapi', kind: 'http_error', remaining: 2 })]);
    expect((await request(`${base}/sandbox/faults`, { method: 'DELETE' })).status).toBe(204);
    expect(await getJson(`${base}/sandbox/faults`)).toEqual([]);

    const { code } = await getJson(`${base}/sandbox/login-code?openid=demo-customer-1`);
    expect((await request(`${base}/sandbox/reset`, { method: 'POST' })).status).toBe(204);
    const session = await getJson(
      `${base}/sns/jscode2session?appid=${creds.appid}&secret=${creds.appSecret}&js_code=${code}&grant_type=authorization_code`,
    );
    expect(session.errcode).toBe(40029);
  });

  it('moves the business clock but not the signature clock', async () => {
    const moved = await postJson(`${base}/sandbox/clock`, { advanceSeconds: 3600 });
    try {
      expect(moved.json.offsetSeconds).toBe(3600);
      expect(Date.parse(moved.json.now) - Date.now()).toBeGreaterThan(3590_000);
      // Time passed for everyone: the merchant's real-time signatures are still within 5 minutes.
      const res = await signedRequest(base, creds, 'GET', `/v3/pay/transactions/out-trade-no/NOSUCHORDER9?mchid=${creds.mchid}`);
      expect(res.status).toBe(404);
      expect(Math.abs(Number(res.headers['wechatpay-timestamp']) - Date.now() / 1000)).toBeLessThan(60);
    } finally {
      await postJson(`${base}/sandbox/clock`, { advanceSeconds: -3600 });
    }
  });
});
