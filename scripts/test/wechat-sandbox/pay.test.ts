import crypto from 'node:crypto';
import type WxPay from 'wechatpay-node-v3';
import { startSandbox } from '../../src/wechat-sandbox/app';
import { generateCredentials, type PayMode, type SandboxCredentials } from '../../src/wechat-sandbox/credentials';
import {
  authorization,
  decrypt,
  officialClient,
  postJson,
  request,
  signedRequest,
  startReceiver,
  uniqueNo,
  verifyWechatpaySignature,
  type PayResponseLog,
} from './support';

/**
 * WeChat Pay v3 over real HTTP, driven by the official wechatpay-node-v3 client whose HTTP layer
 * only swaps the origin — in both verification modes (platform certificate and public key).
 */

let creds: SandboxCredentials;
beforeAll(async () => {
  creds = await generateCredentials();
});

describe.each<PayMode>(['certificate', 'public_key'])('WeChat Pay v3 in %s mode', (mode) => {
  let base: string;
  let close: () => Promise<void>;
  let pay: WxPay;
  let responses: PayResponseLog[];
  /** What a merchant verifies response signatures with in this mode. */
  let verifyKey: string;
  let expectedSerial: string;
  /** Notifications go to a local receiver (never out to the internet); notifications.test.ts checks them. */
  let receiver: Awaited<ReturnType<typeof startReceiver>>;

  beforeAll(async () => {
    receiver = await startReceiver();
    const sandbox = await startSandbox({ credentials: creds, payMode: mode, refundSettleMs: 50 });
    ({ url: base, close } = sandbox);
    ({ pay, responses } = officialClient(creds, base));
    verifyKey = mode === 'certificate' ? creds.platform.certPem : creds.platform.publicKeyPem;
    expectedSerial = mode === 'certificate' ? creds.platform.serialNo : creds.platform.publicKeyId;
  });
  afterAll(async () => {
    // Every response the official client received was signed by the platform key.
    expect(responses.length).toBeGreaterThan(10);
    for (const res of responses) {
      expect(res.headers['wechatpay-serial']).toBe(expectedSerial);
      expect(res.headers['wechatpay-signature-type']).toBe('WECHATPAY2-SHA256-RSA2048');
      expect(res.headers['request-id']).toBeTruthy();
      expect(verifyWechatpaySignature(res.headers, res.text, verifyKey)).toBe(true);
    }
    await close();
    await receiver.close();
  });
  afterEach(() => request(`${base}/sandbox/faults`, { method: 'DELETE' }));

  const order = (outTradeNo: string, total = 990) => ({
    description: '鲜橙 2 斤 × 1',
    out_trade_no: outTradeNo,
    notify_url: receiver.url,
    attach: 'order:42',
    amount: { total, currency: 'CNY' },
    payer: { openid: 'demo-customer-1' },
  });

  async function prepayAndPay(outTradeNo: string, total = 990) {
    const prepay = await pay.transactions_jsapi(order(outTradeNo, total));
    expect(prepay.status).toBe(200);
    const confirm = await postJson(`${base}/sandbox/pay/confirm`, { prepay_id: prepay.data.package });
    expect(confirm.status).toBe(200);
    return confirm.json as { out_trade_no: string; transaction_id: string };
  }

  it('prepays: requestPayment params whose paySign verifies with the merchant certificate', async () => {
    const result = await pay.transactions_jsapi(order(uniqueNo('PAY')));
    expect(result.status).toBe(200);
    const params = result.data;
    expect(params).toEqual({
      appId: creds.appid,
      timeStamp: expect.stringMatching(/^\d{10}$/),
      nonceStr: expect.any(String),
      package: expect.stringMatching(/^prepay_id=wx\d{14}[0-9a-f]{20}$/),
      signType: 'RSA',
      paySign: expect.any(String),
    });
    const message = `${params.appId}\n${params.timeStamp}\n${params.nonceStr}\n${params.package}\n`;
    expect(crypto.createVerify('RSA-SHA256').update(message).verify(creds.merchant.certPem, params.paySign, 'base64')).toBe(true);
  });

  it('returns the same prepay_id for an identical retry and rejects a changed one', async () => {
    const no = uniqueNo('RETRY');
    const first = await pay.transactions_jsapi(order(no));
    const again = await pay.transactions_jsapi(order(no));
    expect(again.data.package).toBe(first.data.package);
    const changed = await pay.transactions_jsapi(order(no, 1000));
    expect(changed.status).toBe(400);
    expect(JSON.parse(changed.error)).toMatchObject({ code: 'INVALID_REQUEST' });
  });

  it('validates prepay parameters with 400 PARAM_ERROR naming the field', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ description: '长'.repeat(43) }, 'description'],
      [{ out_trade_no: 'abc' }, 'out_trade_no'],
      [{ out_trade_no: 'has space 123' }, 'out_trade_no'],
      [{ amount: { total: 0, currency: 'CNY' } }, 'amount.total'],
      [{ amount: { total: 9.9, currency: 'CNY' } }, 'amount.total'],
      [{ amount: { total: 990, currency: 'USD' } }, 'amount.currency'],
      [{ notify_url: 'http://shop.example.com/notify' }, 'notify_url'],
      [{ notify_url: 'https://shop.example.com/notify?x=1' }, 'notify_url'],
      [{ payer: {} }, 'payer.openid'],
      [{ time_expire: '2024-05-20 13:29:35' }, 'time_expire'],
    ];
    for (const [override, field] of cases) {
      const res = await pay.transactions_jsapi({ ...order(uniqueNo('BAD')), ...override } as never);
      expect(res.status).toBe(400);
      expect(JSON.parse(res.error)).toMatchObject({ code: 'PARAM_ERROR', detail: { field } });
    }
    // A local http notify_url is fine: the BFF runs on this machine in dev and tests.
    const local = await pay.transactions_jsapi({
      ...order(uniqueNo('LOCAL')),
      notify_url: 'http://127.0.0.1:3000/api/payments/wechat/notify',
    });
    expect(local.status).toBe(200);
  });

  it('queries an order through NOTPAY → SUCCESS, by out_trade_no and by transaction_id', async () => {
    const no = uniqueNo('Q');
    await pay.transactions_jsapi(order(no));
    const unpaid = await pay.query({ out_trade_no: no });
    expect(unpaid.status).toBe(200);
    expect(unpaid.data).toMatchObject({ out_trade_no: no, mchid: creds.mchid, appid: creds.appid, trade_state: 'NOTPAY' });
    expect(unpaid.data.transaction_id).toBeUndefined();

    const paid = await postJson(`${base}/sandbox/pay/confirm`, { out_trade_no: no });
    const again = await postJson(`${base}/sandbox/pay/confirm`, { out_trade_no: no });
    expect(again.json).toEqual(paid.json); // confirming twice is idempotent
    const byNo = await pay.query({ out_trade_no: no });
    expect(byNo.data).toMatchObject({
      trade_state: 'SUCCESS',
      trade_type: 'JSAPI',
      transaction_id: paid.json.transaction_id,
      attach: 'order:42',
      success_time: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$/),
      payer: { openid: 'demo-customer-1' },
      amount: { total: 990, payer_total: 990, currency: 'CNY', payer_currency: 'CNY' },
    });
    const byId = await pay.query({ transaction_id: paid.json.transaction_id });
    expect(byId.data).toEqual(byNo.data);

    const missing = await pay.query({ out_trade_no: 'NOSUCHORDER1' });
    expect(missing.status).toBe(404);
    expect(JSON.parse(missing.error).code).toBe('ORDER_NOT_EXIST');
  });

  it('closes an unpaid order (204) and refuses to close or re-prepay a paid one', async () => {
    const no = uniqueNo('C');
    await pay.transactions_jsapi(order(no));
    const closed = await pay.close(no);
    expect(closed.status).toBe(204);
    expect((await pay.query({ out_trade_no: no })).data.trade_state).toBe('CLOSED');
    expect((await postJson(`${base}/sandbox/pay/confirm`, { out_trade_no: no })).status).toBe(409);
    expect((await pay.close(no)).status).toBe(204);
    expect(JSON.parse((await pay.transactions_jsapi(order(no))).error).code).toBe('ORDER_CLOSED');

    const paidNo = (await prepayAndPay(uniqueNo('CP'))).out_trade_no;
    const refused = await pay.close(paidNo);
    expect(refused.status).toBe(400);
    expect(JSON.parse(refused.error).code).toBe('ORDERPAID');
    expect(JSON.parse((await pay.transactions_jsapi(order(paidNo))).error).code).toBe('ORDERPAID');
  });

  it('refunds: PROCESSING, then SUCCESS; idempotent on out_refund_no; no over-refund', async () => {
    const { out_trade_no: no, transaction_id: txId } = await prepayAndPay(uniqueNo('R'), 1000);
    const refundNo = uniqueNo('RF');
    const body = { out_trade_no: no, out_refund_no: refundNo, reason: '缺货', amount: { refund: 600, total: 1000, currency: 'CNY' } };
    const first = await pay.refunds(body);
    expect(first.status).toBe(200);
    expect(first.data).toMatchObject({
      out_refund_no: refundNo,
      out_trade_no: no,
      transaction_id: txId,
      refund_id: expect.stringMatching(/^\d{29}$/),
      status: 'PROCESSING',
      channel: 'ORIGINAL',
      amount: { refund: 600, total: 1000, payer_refund: 600, currency: 'CNY' },
    });
    const retry = await pay.refunds(body);
    expect(retry.data?.refund_id).toBe(first.data?.refund_id);

    const over = await pay.refunds({ ...body, out_refund_no: uniqueNo('RF'), amount: { refund: 401, total: 1000, currency: 'CNY' } });
    expect(over.status).toBe(400);
    expect(JSON.parse(over.error).code).toBe('INVALID_REQUEST');
    const rest = await pay.refunds({
      transaction_id: txId,
      out_refund_no: uniqueNo('RF'),
      amount: { refund: 400, total: 1000, currency: 'CNY' },
    });
    expect(rest.status).toBe(200);

    const settled = await waitForRefund(refundNo, 'SUCCESS');
    expect(settled).toMatchObject({ status: 'SUCCESS', success_time: expect.stringMatching(/\+08:00$/) });
    expect((await pay.query({ out_trade_no: no })).data.trade_state).toBe('REFUND');
    const missing = await pay.find_refunds('NOSUCHREFUND');
    expect(missing.status).toBe(404);
  });

  async function waitForRefund(refundNo: string, status: string) {
    for (let i = 0; i < 100; i++) {
      const res = await pay.find_refunds(refundNo);
      if (res.data?.status === status) return res.data;
      await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error(`refund ${refundNo} never became ${status}`);
  }

  it('refuses refunds of unpaid or unknown orders', async () => {
    const no = uniqueNo('RU');
    await pay.transactions_jsapi(order(no));
    const unpaid = await pay.refunds({
      out_trade_no: no,
      out_refund_no: uniqueNo('RF'),
      amount: { refund: 1, total: 990, currency: 'CNY' },
    });
    expect(unpaid.status).toBe(400);
    const unknown = await pay.refunds({
      out_trade_no: 'NOSUCHORDER2',
      out_refund_no: uniqueNo('RF'),
      amount: { refund: 1, total: 990, currency: 'CNY' },
    });
    expect(unknown.status).toBe(404);
  });

  it('injects "refund fails twice with 500, then succeeds"', async () => {
    const { out_trade_no: no } = await prepayAndPay(uniqueNo('RF5'));
    await postJson(`${base}/sandbox/faults`, { api: 'refund', kind: 'http_error', value: 500, times: 2 });
    const body = { out_trade_no: no, out_refund_no: uniqueNo('RF'), amount: { refund: 990, total: 990, currency: 'CNY' } };
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await pay.refunds(body);
      statuses.push(res.status);
      if (res.status === 500) expect(JSON.parse(res.error).code).toBe('SYSTEM_ERROR');
    }
    expect(statuses).toEqual([500, 500, 200]);
  });

  it('injects business errors such as 403 NOT_ENOUGH, and mis-signed responses', async () => {
    const { out_trade_no: no } = await prepayAndPay(uniqueNo('NE'));
    await postJson(`${base}/sandbox/faults`, { api: 'refund', kind: 'errcode', value: 'NOT_ENOUGH' });
    const res = await pay.refunds({ out_trade_no: no, out_refund_no: uniqueNo('RF'), amount: { refund: 1, total: 990, currency: 'CNY' } });
    expect(res.status).toBe(403);
    expect(JSON.parse(res.error).code).toBe('NOT_ENOUGH');

    await postJson(`${base}/sandbox/faults`, { api: 'query', kind: 'bad_signature' });
    const raw = await signedRequest(base, creds, 'GET', `/v3/pay/transactions/out-trade-no/${no}?mchid=${creds.mchid}`);
    expect(raw.status).toBe(200);
    expect(verifyWechatpaySignature(raw.headers, raw.text, verifyKey)).toBe(false);
  });

  it('signs 204 responses over an empty body', async () => {
    const no = uniqueNo('E');
    await pay.transactions_jsapi(order(no));
    const body = JSON.stringify({ mchid: creds.mchid });
    const res = await signedRequest(base, creds, 'POST', `/v3/pay/transactions/out-trade-no/${no}/close`, body);
    expect(res.status).toBe(204);
    expect(res.text).toBe('');
    expect(verifyWechatpaySignature(res.headers, '', verifyKey)).toBe(true);
  });

  describe('request signatures', () => {
    const path = () => `/v3/pay/transactions/out-trade-no/NOSUCHORDER3?mchid=${creds.mchid}`;

    async function expectSignError(res: Awaited<ReturnType<typeof signedRequest>>) {
      expect(res.status).toBe(401);
      expect(JSON.parse(res.text)).toMatchObject({ code: 'SIGN_ERROR', message: '签名错误' });
      expect(verifyWechatpaySignature(res.headers, res.text, verifyKey)).toBe(true);
    }

    it('accepts a correct signature, with the serial in any case', async () => {
      expect((await signedRequest(base, creds, 'GET', path())).status).toBe(404);
      expect((await signedRequest(base, creds, 'GET', path(), '', { serial: creds.merchant.serialNo.toLowerCase() })).status).toBe(404);
    });

    it('rejects a body changed after signing', async () => {
      const no = uniqueNo('T');
      const signed = JSON.stringify({ appid: creds.appid, mchid: creds.mchid, ...order(no) });
      const sent = signed.replace('"total":990', '"total":1');
      await expectSignError(await signedRequest(base, creds, 'POST', '/v3/pay/transactions/jsapi', sent, { signedBody: signed }));
      // Same JSON, different bytes (re-serialised with spaces) is also a different body.
      const spaced = JSON.stringify(JSON.parse(signed), null, 1);
      await expectSignError(await signedRequest(base, creds, 'POST', '/v3/pay/transactions/jsapi', spaced, { signedBody: signed }));
      expect((await signedRequest(base, creds, 'POST', '/v3/pay/transactions/jsapi', signed)).status).toBe(200);
    });

    it('rejects a signature by another key, a stale timestamp, a wrong serial, a wrong mchid or none', async () => {
      const otherKey = crypto
        .generateKeyPairSync('rsa', { modulusLength: 2048 })
        .privateKey.export({ type: 'pkcs8', format: 'pem' })
        .toString();
      await expectSignError(await signedRequest(base, creds, 'GET', path(), '', { privateKeyPem: otherKey }));
      await expectSignError(await signedRequest(base, creds, 'GET', path(), '', { privateKeyPem: creds.platform.privateKeyPem }));
      await expectSignError(await signedRequest(base, creds, 'GET', path(), '', { timestamp: Math.floor(Date.now() / 1000) - 301 }));
      await expectSignError(await signedRequest(base, creds, 'GET', path(), '', { timestamp: Math.floor(Date.now() / 1000) + 301 }));
      await expectSignError(await signedRequest(base, creds, 'GET', path(), '', { serial: creds.platform.serialNo }));
      await expectSignError(await signedRequest(base, creds, 'GET', path(), '', { mchid: '1900000001' }));
      // The signed URL must be the URL requested: sign one path, request another.
      const otherPath = `/v3/pay/transactions/out-trade-no/OTHERORDER1?mchid=${creds.mchid}`;
      await expectSignError(await request(base + otherPath, { headers: { Authorization: authorization(creds, 'GET', path(), '') } }));
      await expectSignError(await request(`${base}${path()}`)); // no Authorization at all
    });
  });

  it('serves /v3/certificates per mode', async () => {
    const res = await signedRequest(base, creds, 'GET', '/v3/certificates');
    expect(verifyWechatpaySignature(res.headers, res.text, verifyKey)).toBe(true);
    if (mode === 'public_key') {
      expect(res.status).toBe(404);
      expect(JSON.parse(res.text).code).toBe('RESOURCE_NOT_EXISTS');
      return;
    }
    expect(res.status).toBe(200);
    const [entry] = JSON.parse(res.text).data;
    expect(entry).toMatchObject({
      serial_no: creds.platform.serialNo,
      effective_time: expect.stringMatching(/\+08:00$/),
      expire_time: expect.stringMatching(/\+08:00$/),
      encrypt_certificate: { algorithm: 'AEAD_AES_256_GCM', associated_data: 'certificate', nonce: expect.stringMatching(/^.{12}$/) },
    });
    const pem = decrypt(creds.apiV3Key, entry.encrypt_certificate);
    expect(pem).toBe(creds.platform.certPem);
    expect(new crypto.X509Certificate(pem).serialNumber).toBe(creds.platform.serialNo);
    // The GCM tag is checked: one flipped bit and final() throws.
    const tampered = Buffer.from(entry.encrypt_certificate.ciphertext, 'base64');
    tampered[10] ^= 1;
    expect(() => decrypt(creds.apiV3Key, { ...entry.encrypt_certificate, ciphertext: tampered.toString('base64') })).toThrow();
  });
});
