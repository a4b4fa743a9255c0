/**
 * Scenario 4 (README "Reliability"): WeChat Pay misbehaves, as the sandbox's injected faults make it
 * (scripts/src/wechat-sandbox/faults.ts), against the production BFF in its own process.
 * - Prepay: a timeout, a 500, FREQUENCY_LIMITED and a response whose signature does not verify.
 *   The order stands unpaid with "支付暂不可用"; paying again gets the same WeChat order.
 * - Notifications: three copies at once, a mis-signed probe first, and one so late that the order
 *   was paid (by the order page asking WeChat), refunded and its refund notified before it came.
 * - Refunds: failing twice (500, then FREQUENCY_LIMITED) and succeeding on the retry job's third
 *   call; timing out while WeChat does take it; settling ABNORMAL.
 * Every payment and refund ends in one state WeChat agrees with, and the checker is clean.
 * bff/test/payment and bff/test/refund test the same paths in-process, step by step.
 */
import { eq } from 'drizzle-orm';
import { orders, refunds } from '@shop/db';
import { startFaultStack, type FaultStack } from '../src/faults/stack';
import {
  assertConsistent,
  call,
  clearFaults,
  eventually,
  injectFault,
  newKey,
  orderState,
  payInWechat,
  placeOrder,
  sandbox,
  signIn,
  stockedSkus,
  type FaultSpec,
  type Placed,
} from '../src/faults/shop';

type Attempt = { kind: string; status?: number; at: string };
type Notification = { copy: number; event_type: string; status: string; attempts: Attempt[] };

let stack: FaultStack;
let token: string;
let storeId: number;
let skuIds: number[];
let nextSku = 0;

beforeAll(async () => {
  stack = await startFaultStack('wechat-faults');
  ({ token } = await signIn(stack, 'fault-wechat-customer'));
  ({ storeId, skuIds } = await stockedSkus(stack.db, 16, 20));
});

afterEach(async () => {
  await clearFaults(stack);
});

afterAll(async () => {
  await stack?.stop();
});

const order = () => placeOrder(stack, token, { skuId: skuIds[nextSku++], storeId });
const notifications = (orderNo: string) => sandbox<Notification[]>(stack, 'GET', `/sandbox/notifications?out_trade_no=${orderNo}`);
const wechatRefunds = (orderNo: string) => sandbox<{ status: string }[]>(stack, 'GET', `/sandbox/refunds?out_trade_no=${orderNo}`);

async function paidOnce(placed: Placed, status = 'preparing'): Promise<void> {
  await eventually(async () => {
    const state = await orderState(stack.db, placed.orderId);
    expect(state).toMatchObject({ status, payments: [{ status: 'paid' }] });
  });
}

async function refundOf(orderId: number) {
  const rows = await stack.db.select().from(refunds).where(eq(refunds.orderId, orderId));
  expect(rows).toHaveLength(1);
  return rows[0];
}

async function askRefund(placed: Placed) {
  const answer = await call(stack, 'POST', `/api/orders/${placed.orderId}/refund-requests`, {
    token,
    headers: { 'idempotency-key': newKey('refund') },
    body: { reason: '不想要了' },
  });
  expect(answer.status).toBe(201);
}

/** The refund's retry is due now (its backoff of 30 s, 2 min … has passed), and the BFF's retry job runs. */
async function retryRefundNow(refundId: number): Promise<void> {
  await stack.db
    .update(refunds)
    .set({ nextAttemptAt: new Date(Date.now() - 1_000) })
    .where(eq(refunds.id, refundId));
  await stack.runJob('retry-refunds');
}

describe('prepay fails: the order stands unpaid, paying again gets the same WeChat order', () => {
  const cases: [string, FaultSpec][] = [
    ['500 SYSTEM_ERROR', { api: 'jsapi', kind: 'http_error', value: 500 }],
    ['FREQUENCY_LIMITED', { api: 'jsapi', kind: 'errcode', value: 'FREQUENCY_LIMITED' }],
    ['a response signature that does not verify', { api: 'jsapi', kind: 'bad_signature' }],
    ['no answer within the 10 s timeout', { api: 'jsapi', kind: 'delay', value: 11_000 }],
  ];
  it.each(cases)(
    '%s',
    async (_name, fault) => {
      await injectFault(stack, fault);
      const placed = await order();
      expect(placed.status).toBe(201);
      expect(placed.prepayId).toBeNull();
      expect(placed.answer.body.paymentError).toMatchObject({
        code: 'PAYMENT_UNAVAILABLE',
        message: expect.stringMatching(/[\u4e00-\u9fff]/),
      });

      const again = await call<{ payment: { package: string } }>(stack, 'POST', `/api/orders/${placed.orderId}/pay`, { token });
      expect(again.status).toBe(200);
      const [atWechat] = await sandbox<{ prepay_id: string }[]>(stack, 'GET', `/sandbox/transactions?out_trade_no=${placed.orderNo}`);
      expect(again.body.payment.package).toBe(`prepay_id=${atWechat.prepay_id}`);
      await payInWechat(stack, placed.orderNo);
      await paidOnce(placed);
    },
    60_000,
  );
});

describe('notifications', () => {
  it('three copies at once settle once', async () => {
    const placed = await order();
    await injectFault(stack, { api: 'notify', kind: 'duplicate', value: 3 });
    await payInWechat(stack, placed.orderNo);
    await paidOnce(placed);
    await eventually(async () => {
      const copies = await notifications(placed.orderNo);
      expect(copies.map((n) => n.status)).toEqual(['delivered', 'delivered', 'delivered']);
    });
    await paidOnce(placed);
  });

  it('a mis-signed probe before the real one is refused with 401; the real one settles', async () => {
    const placed = await order();
    await injectFault(stack, { api: 'notify', kind: 'bad_signature' });
    await payInWechat(stack, placed.orderNo);
    await paidOnce(placed);
    const [n] = await notifications(placed.orderNo);
    expect(n.attempts.map((a) => [a.kind, a.status])).toEqual([
      ['probe', 401],
      ['delivery', 204],
    ]);
  });

  it('the refund’s notification comes before the payment’s: the late payment notification changes nothing', async () => {
    const placed = await order();
    await injectFault(stack, { api: 'notify', kind: 'delay', value: 9_000 });
    await payInWechat(stack, placed.orderNo);
    // The order page asks WeChat once the notification is 5 s late, and finds it paid.
    await eventually(
      async () => {
        const page = await call<{ status: string }>(stack, 'GET', `/api/orders/${placed.orderId}`, { token });
        expect(page.body.status).toBe('preparing');
      },
      15_000,
      500,
    );
    await askRefund(placed);
    await eventually(async () => expect((await orderState(stack.db, placed.orderId)).status).toBe('refunded'));
    await eventually(
      async () => {
        const all = await notifications(placed.orderNo);
        const pay = all.find((n) => n.event_type === 'TRANSACTION.SUCCESS')!;
        const refund = all.find((n) => n.event_type === 'REFUND.SUCCESS')!;
        expect([pay.status, refund.status]).toEqual(['delivered', 'delivered']);
        expect(Date.parse(refund.attempts[0].at)).toBeLessThan(Date.parse(pay.attempts[0].at));
      },
      15_000,
      500,
    );
    expect(await orderState(stack.db, placed.orderId)).toMatchObject({ status: 'refunded', payments: [{ status: 'paid' }] });
    expect((await refundOf(placed.orderId)).status).toBe('succeeded');
  }, 60_000);
});

describe('refunds', () => {
  it('fails twice (500, then FREQUENCY_LIMITED) and succeeds on the retry job’s third call, once at WeChat', async () => {
    const placed = await order();
    await payInWechat(stack, placed.orderNo);
    await paidOnce(placed);
    await injectFault(stack, { api: 'refund', kind: 'http_error', value: 500 });
    await injectFault(stack, { api: 'refund', kind: 'errcode', value: 'FREQUENCY_LIMITED' });
    await askRefund(placed);
    const first = await refundOf(placed.orderId);
    expect(first).toMatchObject({ status: 'processing', attempts: 1 });
    await retryRefundNow(first.id);
    expect(await refundOf(placed.orderId)).toMatchObject({ status: 'processing', attempts: 2 });
    await retryRefundNow(first.id);
    await eventually(async () => expect(await refundOf(placed.orderId)).toMatchObject({ status: 'succeeded', attempts: 3 }));
    expect((await orderState(stack.db, placed.orderId)).status).toBe('refunded');
    expect(await wechatRefunds(placed.orderNo)).toMatchObject([{ status: 'SUCCESS' }]);
  });

  it('times out while WeChat takes it anyway: its notification settles it, the retry with the same number changes nothing', async () => {
    const placed = await order();
    await payInWechat(stack, placed.orderNo);
    await paidOnce(placed);
    await injectFault(stack, { api: 'refund', kind: 'delay', value: 11_000 });
    await askRefund(placed);
    await eventually(async () => expect((await refundOf(placed.orderId)).status).toBe('succeeded'), 20_000);
    const settled = await refundOf(placed.orderId);
    await retryRefundNow(settled.id);
    expect(await refundOf(placed.orderId)).toMatchObject({ status: 'succeeded' });
    expect(await wechatRefunds(placed.orderNo)).toMatchObject([{ status: 'SUCCESS' }]);
    expect((await orderState(stack.db, placed.orderId)).status).toBe('refunded');
  }, 60_000);

  it('settles ABNORMAL: the refund stays open and the order is flagged for staff', async () => {
    const placed = await order();
    await payInWechat(stack, placed.orderNo);
    await paidOnce(placed);
    await injectFault(stack, { api: 'refund', kind: 'abnormal' });
    await askRefund(placed);
    await eventually(async () => expect(await refundOf(placed.orderId)).toMatchObject({ status: 'processing', wechatStatus: 'ABNORMAL' }));
    const [flagged] = await stack.db.select({ flag: orders.flaggedReason }).from(orders).where(eq(orders.id, placed.orderId));
    expect(flagged.flag).toMatch(/异常/);
    expect((await orderState(stack.db, placed.orderId)).paidFen).toBeGreaterThan(0);
  });

  it('after all of it the money adds up', async () => {
    await assertConsistent(stack.db);
  });
});
