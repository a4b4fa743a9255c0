import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { credentialsEnv, generateCredentials, type PayMode } from '../../../scripts/src/wechat-sandbox';
import { decryptResource, encryptResource, platformSignatureHeaders } from '../../../scripts/src/wechat-sandbox/signing';
import { startTestSandbox, type TestSandbox } from '../support/sandbox';
import {
  createWechatPay,
  NotificationRejected,
  toPayTransaction,
  WechatPayError,
  type PayNotification,
  type WechatPay,
  type WechatPayConfig,
} from '../../src/wechat/pay';
import { decryptCertificates, PlatformCertificates } from '../../src/wechat/pay-keys';
import { normalizeSerial } from '../../src/wechat/pay-crypto';

/**
 * The production WeChat Pay adapter against the real sandbox over HTTP, in both verification
 * modes: requests signed by wechatpay-node-v3, every response signature checked, notifications
 * received by a real notify_url and verified and decrypted by the adapter.
 */

type Received = { path: string; headers: http.IncomingHttpHeaders; body: string; outcome: PayNotification | Error };

/** A notify_url on a free port that hands each callback to the adapter and answers like our route does. */
async function startReceiver(parse: (request: { headers: http.IncomingHttpHeaders; rawBody: string }) => Promise<PayNotification>) {
  const received: Received[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', async () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const outcome = await parse({ headers: req.headers, rawBody: body }).catch((err: Error) => err);
      received.push({ path: req.url ?? '', headers: req.headers, body, outcome });
      const status = outcome instanceof NotificationRejected ? 401 : outcome instanceof Error ? 500 : 204;
      res.writeHead(status, { Connection: 'close' }).end(status === 204 ? '' : JSON.stringify({ code: 'FAIL', message: '失败' }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const close = () => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve())));
  return { url, received, close };
}

async function waitFor<T>(check: () => T | undefined | false, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

let counter = 0;
const uniqueNo = (prefix: string) => `${prefix}${Date.now()}${++counter}`;

async function rejection(promise: Promise<unknown>): Promise<Error> {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (err: Error) => err,
  );
}

describe.each<PayMode>(['public_key', 'certificate'])('WeChat Pay adapter in %s mode', (mode) => {
  let sandbox: TestSandbox;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let config: WechatPayConfig;
  let pay: WechatPay;

  beforeAll(async () => {
    receiver = await startReceiver((request) => pay.parseNotification(request));
    sandbox = await startTestSandbox({ payMode: mode, refundSettleMs: 50 });
    config = configFrom(credentialsEnv(sandbox.credentials, mode), sandbox.url, receiver.url);
    pay = createWechatPay(config);
  });
  afterAll(async () => {
    await sandbox.close();
    await receiver.close();
  });
  afterEach(() => fetch(`${sandbox.url}/sandbox/faults`, { method: 'DELETE' }));

  /** The adapter's settings exactly as the BFF reads them from the env the sandbox hands out. */
  function configFrom(env: Record<string, string>, apiBase: string, notifyBase: string): WechatPayConfig {
    return {
      apiBase,
      appid: env.WECHAT_APPID,
      mchid: env.WECHATPAY_MCHID,
      merchantSerial: env.WECHATPAY_MERCHANT_SERIAL,
      merchantPrivateKey: env.WECHATPAY_MERCHANT_PRIVATE_KEY,
      merchantCert: env.WECHATPAY_MERCHANT_CERT,
      apiV3Key: env.WECHATPAY_APIV3_KEY,
      platformPublicKey: env.WECHATPAY_PLATFORM_PUBLIC_KEY,
      platformPublicKeyId: env.WECHATPAY_PLATFORM_PUBLIC_KEY_ID,
      notifyUrl: `${notifyBase}/pay/notify`,
      refundNotifyUrl: `${notifyBase}/pay/refund-notify`,
      timeoutMs: 3000,
      clock: () => new Date(),
    };
  }

  const expiresAt = new Date(Date.now() + 30 * 60_000);
  const prepay = (outTradeNo: string, amountFen = 990) =>
    pay.prepay({ outTradeNo, description: '鲜橙 2 斤 × 1', amountFen, payerOpenid: 'o-pay-test-1', expiresAt, attach: 'order:42' });

  async function confirm(outTradeNo: string): Promise<void> {
    const response = await fetch(`${sandbox.url}/sandbox/pay/confirm`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ out_trade_no: outTradeNo }),
    });
    expect(response.status).toBe(200);
  }

  async function paidOrder(amountFen = 990): Promise<string> {
    const no = uniqueNo('P');
    await prepay(no, amountFen);
    await confirm(no);
    return no;
  }

  /** Callbacks whose resource decrypts to something about this order (probes included). */
  const callbacksFor = (path: string, match: (resource: Record<string, unknown>) => boolean) =>
    receiver.received.filter((r) => r.path === path && match(JSON.parse(decryptResource(config.apiV3Key, JSON.parse(r.body).resource))));

  describe('API calls', () => {
    it('prepay returns exactly the requestPayment params, and paySign verifies with the merchant certificate', async () => {
      const params = await prepay(uniqueNo('PAY'));
      expect(Object.keys(params).sort()).toEqual(['nonceStr', 'package', 'paySign', 'prepayId', 'signType', 'timeStamp']);
      expect(params).toMatchObject({
        timeStamp: expect.stringMatching(/^\d{10}$/),
        package: `prepay_id=${params.prepayId}`,
        signType: 'RSA',
      });
      expect(params.prepayId).toMatch(/^wx/);
      const message = `${config.appid}\n${params.timeStamp}\n${params.nonceStr}\n${params.package}\n`;
      expect(crypto.createVerify('RSA-SHA256').update(message).verify(config.merchantCert, params.paySign, 'base64')).toBe(true);
    });

    it('prepay is idempotent on outTradeNo', async () => {
      const no = uniqueNo('RETRY');
      const first = await prepay(no);
      const again = await prepay(no);
      expect(again.prepayId).toBe(first.prepayId);
    });

    it('query: NOTPAY, then SUCCESS with the transaction once the customer pays', async () => {
      const no = uniqueNo('Q');
      await prepay(no);
      expect(await pay.query(no)).toEqual({
        outTradeNo: no,
        tradeState: 'NOTPAY',
        amountFen: 990,
        appid: config.appid,
        mchid: config.mchid,
      });
      await confirm(no);
      expect(await pay.query(no)).toEqual({
        outTradeNo: no,
        transactionId: expect.stringMatching(/^\d+$/),
        tradeState: 'SUCCESS',
        amountFen: 990,
        payerOpenid: 'o-pay-test-1',
        successTime: expect.stringMatching(/\+08:00$/),
        appid: config.appid,
        mchid: config.mchid,
        attach: 'order:42',
      });
      const missing = await rejection(pay.query('NOSUCHORDER1'));
      expect(missing).toMatchObject({ status: 404, code: 'ORDER_NOT_EXIST' });
    });

    it('close: an unpaid order is closed (twice is fine), a paid one is already_paid', async () => {
      const unpaid = uniqueNo('C');
      await prepay(unpaid);
      expect(await pay.close(unpaid)).toBe('closed');
      expect(await pay.close(unpaid)).toBe('closed');
      expect((await pay.query(unpaid)).tradeState).toBe('CLOSED');
      expect(await pay.close(await paidOrder())).toBe('already_paid');
    });

    it('refunds in full: PROCESSING, then SUCCESS', async () => {
      const no = await paidOrder(500);
      const outRefundNo = uniqueNo('RF');
      const refund = await pay.refund({ outTradeNo: no, outRefundNo, refundFen: 500, totalFen: 500, reason: '不想要了' });
      expect(refund).toMatchObject({ outRefundNo, outTradeNo: no, refundId: expect.any(String), status: 'PROCESSING', refundFen: 500 });
      const settled = await waitForRefund(outRefundNo, 'SUCCESS');
      expect(settled).toMatchObject({ refundId: refund.refundId, successTime: expect.stringMatching(/\+08:00$/) });
    });

    it('refunds in parts, and refuses to refund more than was paid', async () => {
      const no = await paidOrder(990);
      const first = await pay.refund({ outTradeNo: no, outRefundNo: uniqueNo('RP'), refundFen: 300, totalFen: 990 });
      const second = await pay.refund({ outTradeNo: no, outRefundNo: uniqueNo('RP'), refundFen: 600, totalFen: 990 });
      expect([first.status, second.status]).toEqual(['PROCESSING', 'PROCESSING']);
      expect(second.refundId).not.toBe(first.refundId);
      await waitForRefund(first.outRefundNo, 'SUCCESS');
      const over = await rejection(pay.refund({ outTradeNo: no, outRefundNo: uniqueNo('RP'), refundFen: 91, totalFen: 990 }));
      expect(over).toBeInstanceOf(WechatPayError);
      expect(over).toMatchObject({ status: 400, code: 'INVALID_REQUEST', retryable: false });
    });

    it('a refund that fails twice with 500 succeeds on the third try with the same outRefundNo, once', async () => {
      const no = await paidOrder(800);
      await sandbox.fault({ api: 'refund', kind: 'http_error', value: 500, times: 2 });
      const input = { outTradeNo: no, outRefundNo: uniqueNo('RR'), refundFen: 800, totalFen: 800 };
      for (let attempt = 0; attempt < 2; attempt++) {
        const err = await rejection(pay.refund(input));
        expect(err).toBeInstanceOf(WechatPayError);
        expect(err).toMatchObject({ status: 500, code: 'SYSTEM_ERROR', retryable: true, requestId: expect.any(String) });
      }
      const refund = await pay.refund(input);
      expect(refund.status).toBe('PROCESSING');
      expect((await pay.refund(input)).refundId).toBe(refund.refundId);
      const recorded = (await (await fetch(`${sandbox.url}/sandbox/refunds?out_trade_no=${no}`)).json()) as unknown[];
      expect(recorded).toHaveLength(1);
    });

    it.each(['jsapi', 'query', 'close', 'refund_query'])('a %s response with a bad signature is BAD_RESPONSE_SIGNATURE', async (api) => {
      const no = await paidOrder();
      const outRefundNo = uniqueNo('RB');
      await pay.refund({ outTradeNo: no, outRefundNo, refundFen: 1, totalFen: 990 });
      await sandbox.fault({ api, kind: 'bad_signature' });
      const call = {
        jsapi: () => prepay(uniqueNo('B')),
        query: () => pay.query(no),
        close: () => pay.close(no),
        refund_query: () => pay.queryRefund(outRefundNo),
      }[api]!;
      const err = await rejection(call());
      expect(err).toBeInstanceOf(WechatPayError);
      expect(err).toMatchObject({ code: 'BAD_RESPONSE_SIGNATURE', detail: { reason: 'bad_signature' } });
      await expect(call()).resolves.toBeDefined(); // the fault fired once; nothing is cached wrongly
    });

    it('no answer in time, or none at all, is NETWORK', async () => {
      const impatient = createWechatPay({ ...config, timeoutMs: 100 });
      const no = await paidOrder();
      await sandbox.fault({ api: 'query', kind: 'delay', value: 1000 });
      expect(await rejection(impatient.query(no))).toMatchObject({
        code: 'NETWORK',
        status: undefined,
        retryable: true,
        message: expect.stringContaining('TimeoutError'),
      });

      const nowhere = createWechatPay({ ...config, apiBase: `http://127.0.0.1:${await closedPort()}` });
      expect(await rejection(nowhere.query(no))).toMatchObject({ code: 'NETWORK', message: expect.stringContaining('ECONNREFUSED') });
    });

    it('refuses order numbers WeChat would not accept before they reach a URL', async () => {
      await expect(pay.query('../certificates')).rejects.toBeInstanceOf(RangeError);
      await expect(pay.close('a/b')).rejects.toBeInstanceOf(RangeError);
    });
  });

  describe('notifications', () => {
    it('a payment notification is accepted and decrypted to the transaction', async () => {
      const no = await paidOrder(1288);
      const [callback] = await waitFor(() => nonEmpty(callbacksFor('/pay/notify', (r) => r.out_trade_no === no)));
      const notification = callback.outcome as PayNotification;
      expect(notification).toMatchObject({
        eventType: 'TRANSACTION.SUCCESS',
        resourceType: 'encrypt-resource',
        originalType: 'transaction',
        id: expect.any(String),
      });
      expect(notification.resource).toMatchObject({
        out_trade_no: no,
        trade_state: 'SUCCESS',
        amount: { total: 1288 },
        mchid: config.mchid,
      });
      expect(toPayTransaction(notification.resource)).toEqual(await pay.query(no));
    });

    it('rejects a tampered body, a tampered ciphertext, a stale timestamp, an unknown serial and a missing signature', async () => {
      const no = await paidOrder();
      const [callback] = await waitFor(() => nonEmpty(callbacksFor('/pay/notify', (r) => r.out_trade_no === no)));
      const { headers, body } = callback;
      const parse = (rawBody: string, h: http.IncomingHttpHeaders | Record<string, string> = headers, now?: Date) =>
        rejection(pay.parseNotification({ headers: h, rawBody, now }));
      const envelope = JSON.parse(body);
      const flipped = Buffer.from(envelope.resource.ciphertext, 'base64');
      flipped[3] ^= 0x01;
      const badCiphertext = JSON.stringify({ ...envelope, resource: { ...envelope.resource, ciphertext: flipped.toString('base64') } });
      const otherAad = JSON.stringify({ ...envelope, resource: { ...envelope.resource, associated_data: 'refund' } });

      await expect(pay.parseNotification({ headers, rawBody: body })).resolves.toMatchObject({ resource: { out_trade_no: no } });
      expect(await parse(body.replace('"summary":"支付成功"', '"summary":"支付成功!"'))).toMatchObject({ reason: 'bad_signature' });
      expect(await parse(badCiphertext)).toMatchObject({ reason: 'bad_signature' }); // the signature covers the ciphertext
      expect(await parse(badCiphertext, signedBy('platform', badCiphertext))).toMatchObject({ reason: 'bad_ciphertext' });
      expect(await parse(otherAad, signedBy('platform', otherAad))).toMatchObject({ reason: 'bad_ciphertext' });
      expect(await parse(body, headers, new Date(Date.now() + 10 * 60_000))).toMatchObject({ reason: 'stale_timestamp' });
      expect(await parse(body, headers, new Date(Date.now() - 10 * 60_000))).toMatchObject({ reason: 'stale_timestamp' });
      expect(await parse(body, { ...headers, 'wechatpay-serial': 'PUB_KEY_ID_0100000000000000000000000000' })).toMatchObject({
        reason: 'unknown_serial',
      });
      expect(await parse(body, { ...headers, 'wechatpay-serial': '5157F09EFDC096DE15EBE81A47057A7232F1B8E1' })).toMatchObject({
        reason: 'unknown_serial',
      });
      expect(await parse(body, { ...headers, 'wechatpay-signature': undefined } as http.IncomingHttpHeaders)).toMatchObject({
        reason: 'bad_signature',
      });
      expect(await parse(body, signedBy('merchant', body))).toMatchObject({ reason: 'bad_signature' }); // right serial, wrong key
      expect(await parse('not json', signedBy('platform', 'not json'))).toMatchObject({ reason: 'malformed' });
      const plaintextNotJson = JSON.stringify({
        ...envelope,
        resource: { original_type: 'transaction', ...encryptResource(config.apiV3Key, 'transaction', '[1]') },
      });
      expect(await parse(plaintextNotJson, signedBy('platform', plaintextNotJson))).toMatchObject({ reason: 'malformed' });
      expect(await parse(body, headers, new Date(Date.now() + 10 * 60_000))).toBeInstanceOf(NotificationRejected);
    });

    it("rejects WeChat's mis-signed probe and accepts the real notification after it", async () => {
      await sandbox.fault({ api: 'notify', kind: 'bad_signature' });
      const no = await paidOrder();
      const callbacks = await waitFor(() => {
        const got = callbacksFor('/pay/notify', (r) => r.out_trade_no === no);
        return got.length >= 2 && got;
      });
      expect(String(callbacks[0].headers['wechatpay-signature'])).toMatch(/^WECHATPAY\/SIGNTEST\//);
      expect(callbacks[0].outcome).toBeInstanceOf(NotificationRejected);
      expect(callbacks[0].outcome).toMatchObject({ reason: 'bad_signature' });
      expect(callbacks[1].outcome).toMatchObject({ eventType: 'TRANSACTION.SUCCESS', resource: { out_trade_no: no } });
    });

    it('a refund notification is accepted and decrypted to the refund', async () => {
      const no = await paidOrder(600);
      const outRefundNo = uniqueNo('RN');
      await pay.refund({ outTradeNo: no, outRefundNo, refundFen: 250, totalFen: 600 });
      const [callback] = await waitFor(() => nonEmpty(callbacksFor('/pay/refund-notify', (r) => r.out_refund_no === outRefundNo)));
      expect(callback.outcome).toMatchObject({
        eventType: 'REFUND.SUCCESS',
        originalType: 'refund',
        resource: { out_trade_no: no, out_refund_no: outRefundNo, refund_status: 'SUCCESS', amount: { refund: 250, total: 600 } },
      });
    });
  });

  if (mode === 'certificate') {
    describe('platform certificates', () => {
      it('a failed first download fails the call; the next call downloads them and succeeds', async () => {
        const no = await paidOrder();
        const fresh = createWechatPay(config);
        await sandbox.fault({ api: 'certificates', kind: 'http_error', value: 500 });
        expect(await rejection(fresh.query(no))).toMatchObject({ code: 'HTTP_ERROR', status: 500 });
        expect((await fresh.query(no)).tradeState).toBe('SUCCESS');
      });

      it('a certificate listing with a bad signature is refused', async () => {
        const no = await paidOrder();
        const fresh = createWechatPay(config);
        await sandbox.fault({ api: 'certificates', kind: 'bad_signature' });
        expect(await rejection(fresh.query(no))).toMatchObject({ code: 'BAD_RESPONSE_SIGNATURE' });
        expect((await fresh.query(no)).tradeState).toBe('SUCCESS');
      });

      it('a notification can be the first thing verified: it downloads the certificates itself', async () => {
        const no = await paidOrder();
        const [callback] = await waitFor(() => nonEmpty(callbacksFor('/pay/notify', (r) => r.out_trade_no === no)));
        const fresh = createWechatPay(config);
        await expect(fresh.parseNotification({ headers: callback.headers, rawBody: callback.body })).resolves.toMatchObject({
          resource: { out_trade_no: no },
        });
      });
    });
  }

  /** Wechatpay-* headers over `body`, signed now by the platform key (or, to test, the merchant's). */
  function signedBy(signer: 'platform' | 'merchant', body: string): Record<string, string> {
    const creds = sandbox.credentials;
    const as = signer === 'platform' ? creds : { ...creds, platform: { ...creds.platform, privateKeyPem: creds.merchant.privateKeyPem } };
    return platformSignatureHeaders(as, mode, body, new Date());
  }

  async function waitForRefund(outRefundNo: string, status: string) {
    const deadline = Date.now() + 5000;
    for (;;) {
      const refund = await pay.queryRefund(outRefundNo);
      if (refund.status === status) return refund;
      if (Date.now() > deadline) throw new Error(`refund ${outRefundNo} never became ${status}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
});

/** A port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

function nonEmpty<T>(items: T[]): T[] | undefined {
  return items.length > 0 ? items : undefined;
}

describe('responses that are not from WeChat Pay', () => {
  let server: http.Server;
  let base: string;
  let answer: (res: http.ServerResponse) => void;
  beforeAll(async () => {
    server = http.createServer((_req, res) => answer(res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve()))));

  const adapter = async () => createWechatPay(await adapterConfig());
  async function adapterConfig(): Promise<WechatPayConfig> {
    const creds = await generateCredentials();
    const env = credentialsEnv(creds, 'public_key');
    return {
      apiBase: base,
      appid: creds.appid,
      mchid: creds.mchid,
      merchantSerial: env.WECHATPAY_MERCHANT_SERIAL,
      merchantPrivateKey: env.WECHATPAY_MERCHANT_PRIVATE_KEY,
      merchantCert: env.WECHATPAY_MERCHANT_CERT,
      apiV3Key: env.WECHATPAY_APIV3_KEY,
      platformPublicKey: env.WECHATPAY_PLATFORM_PUBLIC_KEY,
      platformPublicKeyId: env.WECHATPAY_PLATFORM_PUBLIC_KEY_ID,
      notifyUrl: 'https://shop.example.com/api/pay/notify',
      refundNotifyUrl: 'https://shop.example.com/api/pay/refund-notify',
      clock: () => new Date(),
    };
  }

  it('an unsigned success is BAD_RESPONSE_SIGNATURE; an unsigned failure is only HTTP_ERROR', async () => {
    const pay = await adapter();
    answer = (res) => res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ trade_state: 'SUCCESS' }));
    expect(await rejection(pay.query('ORDER123456'))).toMatchObject({ code: 'BAD_RESPONSE_SIGNATURE', status: 200 });
    answer = (res) => res.writeHead(502, { 'Content-Type': 'application/json' }).end(JSON.stringify({ code: 'ORDERPAID' }));
    expect(await rejection(pay.close('ORDER123456'))).toMatchObject({ code: 'HTTP_ERROR', status: 502, retryable: true });
  });

  it('public-key mode needs both the key and its id', async () => {
    const config = await adapterConfig();
    expect(() => createWechatPay({ ...config, platformPublicKey: undefined })).toThrow(/both/);
  });
});

describe('PlatformCertificates', () => {
  const key = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey;

  it('downloads once for concurrent unknown serials, then waits before downloading again', async () => {
    let downloads = 0;
    let now = 0;
    const certs = new PlatformCertificates(
      async () => (downloads++, new Map([['ABC', key]])),
      60_000,
      () => now,
    );
    const found = await Promise.all([certs.find('abc'), certs.find('0ABC'), certs.find('DEF')]);
    expect(found).toEqual([key, key, undefined]);
    expect(downloads).toBe(1);
    expect(await certs.find('DEF')).toBeUndefined();
    expect(downloads).toBe(1); // a forged serial right after a download costs nothing
    now = 61_000;
    expect(await certs.find('DEF')).toBeUndefined();
    expect(downloads).toBe(2);
    expect(await certs.find('ZZZ', { refresh: false })).toBeUndefined();
    expect(downloads).toBe(2);
  });

  it.each([
    ['056D4C0F790BD15B47', '56D4C0F790BD15B47'],
    [' 5157f09efdc096de ', '5157F09EFDC096DE'],
    ['PUB_KEY_ID_0114232134912410000000000000', 'PUB_KEY_ID_0114232134912410000000000000'],
  ])('normalises serial %j to %j (Node pads odd-length hex with a leading zero)', (raw, normal) => {
    expect(normalizeSerial(raw)).toBe(normal);
  });

  it('decrypts a certificate listing only when every GCM tag and serial checks out', async () => {
    const creds = await generateCredentials();
    const entry = (certPem: string, serial = creds.platform.serialNo) => ({
      serial_no: serial,
      encrypt_certificate: encryptResource(creds.apiV3Key, 'certificate', certPem),
    });
    const listed = decryptCertificates({ data: [entry(creds.platform.certPem)] }, creds.apiV3Key);
    // Keys are normalised (no leading zeros): a random serial starting with 0 must still match.
    expect([...listed.keys()]).toEqual([normalizeSerial(creds.platform.serialNo)]);
    expect(listed.get(normalizeSerial(creds.platform.serialNo))!.export({ type: 'spki', format: 'pem' })).toBe(creds.platform.publicKeyPem);

    const tampered = entry(creds.platform.certPem);
    const bytes = Buffer.from(tampered.encrypt_certificate.ciphertext, 'base64');
    bytes[20] ^= 0x01;
    tampered.encrypt_certificate.ciphertext = bytes.toString('base64');
    expect(() => decryptCertificates({ data: [tampered] }, creds.apiV3Key)).toThrow();
    expect(() => decryptCertificates({ data: [entry(creds.merchant.certPem)] }, creds.apiV3Key)).toThrow(/serial/);
    expect(() => decryptCertificates({ data: [entry(creds.platform.certPem)] }, 'x'.repeat(32))).toThrow();
  });

  it('a failed download propagates and the next lookup tries again', async () => {
    let fail = true;
    const certs = new PlatformCertificates(async () => {
      if (fail) throw new WechatPayError(undefined, 'NETWORK', 'down');
      return new Map([['ABC', key]]);
    });
    await expect(certs.find('ABC')).rejects.toMatchObject({ code: 'NETWORK' });
    fail = false;
    await expect(certs.find('ABC')).resolves.toBe(key);
  });
});
