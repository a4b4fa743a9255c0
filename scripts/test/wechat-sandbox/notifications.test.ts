import type WxPay from 'wechatpay-node-v3';
import { startSandbox } from '../../src/wechat-sandbox/app';
import { generateCredentials, type SandboxCredentials } from '../../src/wechat-sandbox/credentials';
import { RETRY_SCHEDULE_SECONDS } from '../../src/wechat-sandbox/notifier';
import type { SandboxState } from '../../src/wechat-sandbox/state';
import {
  decrypt,
  getJson,
  officialClient,
  postJson,
  request,
  startReceiver,
  uniqueNo,
  verifyWechatpaySignature,
  waitFor,
  type ReceivedNotification,
} from './support';

/**
 * WeChat Pay callback notifications as a merchant's notify_url receives them: signed with the
 * platform key over the raw body, AES-256-GCM encrypted with the APIv3 key, retried on failure.
 */

let creds: SandboxCredentials;
let base: string;
let state: SandboxState;
let close: () => Promise<void>;
let pay: WxPay;
let receiver: Awaited<ReturnType<typeof startReceiver>>;

beforeAll(async () => {
  creds = await generateCredentials();
  // 0.001: the 15 s first retry becomes 15 ms.
  const sandbox = await startSandbox({ credentials: creds, payMode: 'public_key', notifyTimeScale: 0.001, refundSettleMs: 20 });
  ({ url: base, state, close } = sandbox);
  ({ pay } = officialClient(creds, base));
  receiver = await startReceiver();
});
afterAll(async () => {
  await close();
  await receiver.close();
});
afterEach(async () => {
  await request(`${base}/sandbox/faults`, { method: 'DELETE' });
  receiver.setAnswer(() => 204);
});

async function payOrder(total = 1288, notifyUrl = receiver.url) {
  const outTradeNo = uniqueNo('N');
  const prepay = await pay.transactions_jsapi({
    description: '团购：阳光玫瑰葡萄 1 盒',
    out_trade_no: outTradeNo,
    notify_url: notifyUrl,
    attach: 'group:7',
    amount: { total, currency: 'CNY' },
    payer: { openid: 'demo-customer-3' },
  });
  expect(prepay.status).toBe(200);
  const confirmed = await postJson(`${base}/sandbox/pay/confirm`, { prepay_id: prepay.data.package.replace('prepay_id=', '') });
  expect(confirmed.status).toBe(200);
  return confirmed.json as { out_trade_no: string; transaction_id: string };
}

const forOrder = (outTradeNo: string) => (n: ReceivedNotification) =>
  JSON.parse(n.body).resource && decryptBody(n).out_trade_no === outTradeNo;
function decryptBody(n: ReceivedNotification): Record<string, unknown> {
  return JSON.parse(decrypt(creds.apiV3Key, JSON.parse(n.body).resource));
}

describe('TRANSACTION.SUCCESS', () => {
  it('arrives signed over the raw body and decrypts (tag checked) to the paid order', async () => {
    const { out_trade_no: no, transaction_id: txId } = await payOrder();
    const n = await waitFor(() => receiver.received.find(forOrder(no)));

    expect(n.headers['wechatpay-serial']).toBe(creds.platform.publicKeyId);
    expect(n.headers['wechatpay-signature-type']).toBe('WECHATPAY2-SHA256-RSA2048');
    expect(Math.abs(Number(n.headers['wechatpay-timestamp']) - Date.now() / 1000)).toBeLessThan(60);
    expect(verifyWechatpaySignature(n.headers, n.body, creds.platform.publicKeyPem)).toBe(true);

    const envelope = JSON.parse(n.body);
    expect(envelope).toEqual({
      id: expect.any(String),
      create_time: expect.stringMatching(/\+08:00$/),
      resource_type: 'encrypt-resource',
      event_type: 'TRANSACTION.SUCCESS',
      summary: '支付成功',
      resource: {
        original_type: 'transaction',
        algorithm: 'AEAD_AES_256_GCM',
        ciphertext: expect.any(String),
        associated_data: 'transaction',
        nonce: expect.stringMatching(/^[A-Za-z0-9]{12}$/),
      },
    });
    expect(decryptBody(n)).toMatchObject({
      mchid: creds.mchid,
      appid: creds.appid,
      out_trade_no: no,
      transaction_id: txId,
      trade_type: 'JSAPI',
      trade_state: 'SUCCESS',
      attach: 'group:7',
      payer: { openid: 'demo-customer-3' },
      amount: { total: 1288, payer_total: 1288, currency: 'CNY' },
    });
  });

  it('a tampered ciphertext fails final(); a tampered body fails the signature', async () => {
    const { out_trade_no: no } = await payOrder();
    const n = await waitFor(() => receiver.received.find(forOrder(no)));
    const envelope = JSON.parse(n.body);

    const bytes = Buffer.from(envelope.resource.ciphertext, 'base64');
    bytes[0] ^= 0x01;
    expect(() => decrypt(creds.apiV3Key, { ...envelope.resource, ciphertext: bytes.toString('base64') })).toThrow(/authenticate/);
    expect(() => decrypt(creds.apiV3Key, { ...envelope.resource, associated_data: 'refund' })).toThrow();

    const tamperedBody = n.body.replace('"summary":"支付成功"', '"summary":"支付成功 "');
    expect(tamperedBody).not.toBe(n.body);
    expect(verifyWechatpaySignature(n.headers, tamperedBody, creds.platform.publicKeyPem)).toBe(false);
    // Re-serialising the parsed body changes nothing here, but a verifier must still use the raw bytes.
    expect(verifyWechatpaySignature(n.headers, n.body, creds.platform.certPem)).toBe(true);
  });

  it('retries while the receiver answers 500 and stops after a 204', async () => {
    let failuresLeft = 3;
    receiver.setAnswer(() => (failuresLeft-- > 0 ? 500 : 204));
    const { out_trade_no: no } = await payOrder();
    const record = await waitFor(() => state.notifications.find((r) => r.out_trade_no === no && r.status === 'delivered'));
    expect(record.attempts.map((a) => a.status)).toEqual([500, 500, 500, 204]);
    // The gaps follow WeChat's schedule (15 s, 15 s, 30 s) scaled by 0.001.
    const at = record.attempts.map((a) => Date.parse(a.at));
    expect(at[3] - at[2]).toBeGreaterThanOrEqual(RETRY_SCHEDULE_SECONDS[2] * 1000 * 0.001 - 5);

    await new Promise((r) => setTimeout(r, 200));
    expect(receiver.received.filter(forOrder(no))).toHaveLength(4);
    const deliveries = receiver.received.filter(forOrder(no));
    expect(new Set(deliveries.map((d) => JSON.parse(d.body).id)).size).toBe(1); // same notification id each time

    const listed = await getJson(`${base}/sandbox/notifications?out_trade_no=${no}`);
    expect(listed[0]).toMatchObject({ status: 'delivered', event_type: 'TRANSACTION.SUCCESS', attempts: expect.any(Array) });
    expect(listed[0].attempts).toHaveLength(4);
  });

  it('retries when the receiver is unreachable, recording the error', async () => {
    const dead = await startReceiver();
    const deadUrl = dead.url;
    await dead.close();
    const { out_trade_no: no } = await payOrder(100, deadUrl);
    const record = await waitFor(() => state.notifications.find((r) => r.out_trade_no === no && r.attempts.length >= 2));
    expect(record.attempts[0].status).toBeUndefined();
    expect(record.attempts[0].error).toMatch(/ECONNREFUSED/);
  });

  it('drop: the notification never arrives (the BFF must reconcile by querying)', async () => {
    await postJson(`${base}/sandbox/faults`, { api: 'notify', kind: 'drop' });
    const { out_trade_no: no } = await payOrder();
    await new Promise((r) => setTimeout(r, 100));
    expect(receiver.received.filter(forOrder(no))).toHaveLength(0);
    expect(state.notifications.find((r) => r.out_trade_no === no)?.status).toBe('dropped');
    expect((await pay.query({ out_trade_no: no })).data.trade_state).toBe('SUCCESS');
  });

  it('duplicate: N identical copies arrive concurrently', async () => {
    await postJson(`${base}/sandbox/faults`, { api: 'notify', kind: 'duplicate', value: 3 });
    const { out_trade_no: no } = await payOrder();
    const copies = await waitFor(() => {
      const got = receiver.received.filter(forOrder(no));
      return got.length === 3 && got;
    });
    expect(new Set(copies.map((c) => JSON.parse(c.body).id)).size).toBe(1);
    for (const c of copies) expect(verifyWechatpaySignature(c.headers, c.body, creds.platform.publicKeyPem)).toBe(true);
  });

  it('bad_signature: a mis-signed probe comes first; a receiver that rejects it still gets the real one', async () => {
    await postJson(`${base}/sandbox/faults`, { api: 'notify', kind: 'bad_signature' });
    receiver.setAnswer((n) => (verifyWechatpaySignature(n.headers, n.body, creds.platform.publicKeyPem) ? 204 : 401));
    const { out_trade_no: no } = await payOrder();
    const record = await waitFor(() => state.notifications.find((r) => r.out_trade_no === no && r.status === 'delivered'));
    expect(record.attempts.map((a) => [a.kind, a.status])).toEqual([
      ['probe', 401],
      ['delivery', 204],
    ]);
    const received = receiver.received.filter(forOrder(no));
    expect(String(received[0].headers['wechatpay-signature'])).toMatch(/^WECHATPAY\/SIGNTEST\//);
  });
});

describe('REFUND notifications', () => {
  it('REFUND.SUCCESS goes to the refund notify_url once the refund settles', async () => {
    const { out_trade_no: no, transaction_id: txId } = await payOrder(500);
    const refundReceiver = await startReceiver();
    try {
      const refundNo = uniqueNo('RN');
      const res = await pay.refunds({
        out_trade_no: no,
        out_refund_no: refundNo,
        notify_url: refundReceiver.url,
        amount: { refund: 200, total: 500, currency: 'CNY' },
      });
      expect(res.data?.status).toBe('PROCESSING');
      const n = await waitFor(() => refundReceiver.received[0]);
      expect(verifyWechatpaySignature(n.headers, n.body, creds.platform.publicKeyPem)).toBe(true);
      const envelope = JSON.parse(n.body);
      expect(envelope).toMatchObject({
        event_type: 'REFUND.SUCCESS',
        summary: '退款成功',
        resource: { original_type: 'refund', associated_data: 'refund' },
      });
      expect(decryptBody(n)).toMatchObject({
        mchid: creds.mchid,
        out_trade_no: no,
        transaction_id: txId,
        out_refund_no: refundNo,
        refund_status: 'SUCCESS',
        success_time: expect.stringMatching(/\+08:00$/),
        amount: { total: 500, refund: 200, payer_total: 500, payer_refund: 200 },
      });
    } finally {
      await refundReceiver.close();
    }
  });

  it('falls back to the order notify_url, and can be made ABNORMAL', async () => {
    const { out_trade_no: no } = await payOrder(300);
    await postJson(`${base}/sandbox/faults`, { api: 'refund', kind: 'abnormal' });
    const refundNo = uniqueNo('RA');
    await pay.refunds({ out_trade_no: no, out_refund_no: refundNo, amount: { refund: 300, total: 300, currency: 'CNY' } });
    const n = await waitFor(() =>
      receiver.received.find((r) => JSON.parse(r.body).event_type === 'REFUND.ABNORMAL' && decryptBody(r).out_refund_no === refundNo),
    );
    expect(decryptBody(n)).toMatchObject({ refund_status: 'ABNORMAL' });
    expect(decryptBody(n)).not.toHaveProperty('success_time');
    expect((await pay.find_refunds(refundNo)).data?.status).toBe('ABNORMAL');
  });
});

describe('the official client', () => {
  it('verifies a notification in certificate mode by fetching /v3/certificates itself', async () => {
    const certCreds = creds;
    const sandbox = await startSandbox({ credentials: certCreds, payMode: 'certificate' });
    const certReceiver = await startReceiver();
    try {
      const client = officialClient(certCreds, sandbox.url).pay;
      const no = uniqueNo('OC');
      await client.transactions_jsapi({
        description: 'x',
        out_trade_no: no,
        notify_url: certReceiver.url,
        amount: { total: 1 },
        payer: { openid: 'demo-customer-1' },
      });
      await postJson(`${sandbox.url}/sandbox/pay/confirm`, { out_trade_no: no });
      const n = await waitFor(() => certReceiver.received[0]);
      const ok = await client.verifySign({
        timestamp: String(n.headers['wechatpay-timestamp']),
        nonce: String(n.headers['wechatpay-nonce']),
        serial: String(n.headers['wechatpay-serial']),
        signature: String(n.headers['wechatpay-signature']),
        body: n.body,
      });
      expect(ok).toBe(true);
    } finally {
      await sandbox.close();
      await certReceiver.close();
    }
  });
});

describe('retry exhaustion', () => {
  it('gives up after WeChat’s 15 retries', async () => {
    const total = RETRY_SCHEDULE_SECONDS.reduce((a, b) => a + b, 0);
    expect(total).toBe(86_640); // ≈ 24 h
    const sandbox = await startSandbox({ credentials: creds, payMode: 'public_key', notifyTimeScale: 0.00001 });
    const failing = await startReceiver(() => 503);
    try {
      const client = officialClient(creds, sandbox.url).pay;
      const no = uniqueNo('EX');
      await client.transactions_jsapi({
        description: 'x',
        out_trade_no: no,
        notify_url: failing.url,
        amount: { total: 1 },
        payer: { openid: 'demo-customer-1' },
      });
      await postJson(`${sandbox.url}/sandbox/pay/confirm`, { out_trade_no: no });
      const record = await waitFor(() => sandbox.state.notifications.find((r) => r.status === 'failed'), 10_000);
      expect(record.attempts).toHaveLength(1 + RETRY_SCHEDULE_SECONDS.length);
      expect(failing.received).toHaveLength(16);
    } finally {
      await sandbox.close();
      await failing.close();
    }
  }, 20_000);
});
