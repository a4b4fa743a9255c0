/**
 * Scenario 1 (README "Reliability"): the BFF is SIGKILLed while money is in flight, and restarted.
 * - Between prepay and the notification: the customer pays while no BFF is up. WeChat's retries
 *   reach the restarted BFF; one notification that WeChat never delivers is settled by the BFF's
 *   reconciliation job instead.
 * - Between receiving the notification and its commit: the test holds the order row's lock, so the
 *   BFF's settlement transaction has written the payment and waits on the order; the kill lands
 *   there, MariaDB rolls the half-done settlement back, and WeChat's retry settles it once.
 * Every paid order ends paid exactly once (one settled payment, paid_fen = payable), and the
 * checker is clean: no stock reserved twice or leaked, no points or coupon applied twice.
 */
import { and, eq, inArray, sql } from 'drizzle-orm';
import mysql from 'mysql2/promise';
import { payments, pointsLedger } from '@shop/db';
import { startFaultStack, type FaultStack } from '../src/faults/stack';
import {
  assertConsistent,
  call,
  eventually,
  injectFault,
  orderState,
  payInWechat,
  placeOrder,
  sandbox,
  signIn,
  stockedSkus,
  type Placed,
} from '../src/faults/shop';

type Notification = { out_trade_no: string; status: string; attempts: { kind: string; status?: number; error?: string }[] };

let stack: FaultStack;
let token: string;
let memberId: number;
let storeId: number;
let skuIds: number[];

beforeAll(async () => {
  stack = await startFaultStack('bff-crash');
  ({ token, memberId } = await signIn(stack, 'fault-crash-customer'));
  ({ storeId, skuIds } = await stockedSkus(stack.db, 6, 10));
});

afterAll(async () => {
  await stack?.stop();
});

async function expectPaidOnce(order: Placed): Promise<void> {
  const state = await orderState(stack.db, order.orderId);
  expect(state.status).toBe('preparing');
  expect(state.payments).toEqual([{ status: 'paid' }]);
  expect(state.paidFen).toBeGreaterThan(0);
}

const notificationsOf = (orderNo: string) =>
  sandbox<Notification[]>(stack, 'GET', `/sandbox/notifications?out_trade_no=${orderNo}&event_type=TRANSACTION.SUCCESS`);

it('a payment made while the BFF is down is settled once after its restart: by WeChat’s retries, or by the reconciliation job when WeChat never delivers', async () => {
  const placed = [];
  for (const skuId of skuIds.slice(0, 4)) placed.push(await placeOrder(stack, token, { skuId, storeId }));
  for (const order of placed) {
    expect(order.status).toBe(201);
    expect(order.prepayId).toBeTruthy();
  }
  const [retried1, retried2, retried3, lost] = placed;

  await stack.killBff();
  for (const order of [retried1, retried2, retried3]) await payInWechat(stack, order.orderNo);
  // The last one's notification is lost for good: only the BFF asking WeChat can find it.
  await injectFault(stack, { api: 'notify', kind: 'drop' });
  await payInWechat(stack, lost.orderNo);
  // WeChat's first attempts meet the dead BFF (the front answers 502).
  await eventually(async () => {
    for (const order of [retried1, retried2, retried3]) {
      const [n] = await notificationsOf(order.orderNo);
      expect(n.attempts.some((a) => a.kind === 'delivery' && a.status === 502)).toBe(true);
    }
  });

  await stack.startBff();
  await eventually(async () => {
    for (const order of [retried1, retried2, retried3]) await expectPaidOnce(order);
  });
  for (const order of [retried1, retried2, retried3]) {
    const [n] = await notificationsOf(order.orderNo);
    expect(n.status).toBe('delivered');
  }

  // The reconciler looks at payments pending for more than 2 minutes: let 3 pass for this one, then
  // run the BFF's own job now rather than at its next 2-minute tick.
  expect((await orderState(stack.db, lost.orderId)).status).toBe('pending_payment');
  await stack.db
    .update(payments)
    .set({ createdAt: sql`${payments.createdAt} - INTERVAL 3 MINUTE` })
    .where(eq(payments.orderId, lost.orderId));
  await stack.runJob('reconcile-payments');
  await eventually(() => expectPaidOnce(lost));

  await assertConsistent(stack.db);
});

it('a kill between receiving the notification and its commit rolls the half-done settlement back; WeChat’s retry settles it once', async () => {
  const order = await placeOrder(stack, token, { skuId: skuIds[4], storeId });
  expect(order.prepayId).toBeTruthy();

  // Hold the order row: the BFF's settlement locks the payment, marks it paid, then waits here.
  const blocker = await mysql.createConnection({ uri: stack.databaseUrl });
  try {
    await blocker.query('START TRANSACTION');
    await blocker.query('SELECT id FROM orders WHERE id = ? FOR UPDATE', [order.orderId]);
    await payInWechat(stack, order.orderNo);
    const waiting = await eventually(async () => {
      const [rows] = await blocker.query<mysql.RowDataPacket[]>(
        "SELECT trx_id, trx_rows_modified FROM information_schema.innodb_trx WHERE trx_state = 'LOCK WAIT'",
      );
      expect(rows).toHaveLength(1);
      return rows[0] as { trx_id: string; trx_rows_modified: number };
    });
    // The settlement has written (the payment's move to paid and its history) but not committed.
    expect(Number(waiting.trx_rows_modified)).toBeGreaterThan(0);

    await stack.killBff();
    await blocker.query('ROLLBACK');
    // The dead BFF's transaction gets the lock, finds no client and is rolled back.
    await eventually(async () => {
      const [rows] = await blocker.query<mysql.RowDataPacket[]>('SELECT trx_id FROM information_schema.innodb_trx');
      expect(rows).toHaveLength(0);
    });
  } finally {
    await blocker.end();
  }
  const halfway = await orderState(stack.db, order.orderId);
  expect(halfway.status).toBe('pending_payment');
  expect(halfway.payments).toEqual([{ status: 'pending' }]);

  await stack.startBff();
  await eventually(() => expectPaidOnce(order));
  const [n] = await notificationsOf(order.orderNo);
  expect(n.status).toBe('delivered');
  expect(n.attempts.filter((a) => a.kind === 'delivery').length).toBeGreaterThan(1);

  // WeChat delivering it again changes nothing.
  const paidRows = await stack.db
    .select()
    .from(payments)
    .where(inArray(payments.orderId, [order.orderId]));
  expect(paidRows).toHaveLength(1);
  await assertConsistent(stack.db);
});

it('a kill inside the pickup handover (stock committed, points not yet credited) rolls it back; the handover done again credits points once', async () => {
  const order = await placeOrder(stack, token, { skuId: skuIds[5], storeId });
  await payInWechat(stack, order.orderNo);
  await eventually(() => expectPaidOnce(order));
  const manager = await signIn(stack, 'demo-manager-1');
  expect((await call(stack, 'POST', `/api/staff/orders/${order.orderId}/ready`, { token: manager.token })).status).toBe(200);
  const page = await call<{ pickup: { code: string } }>(stack, 'GET', `/api/orders/${order.orderId}`, { token });
  const { code } = page.body.pickup;

  // Hold the customer's member row: the handover commits the stock and completes the order, then
  // waits here to credit the points.
  const blocker = await mysql.createConnection({ uri: stack.databaseUrl });
  try {
    await blocker.query('START TRANSACTION');
    await blocker.query('SELECT id FROM members WHERE id = ? FOR UPDATE', [memberId]);
    const handover = call(stack, 'POST', `/api/staff/pickups/${order.orderId}/confirm`, { token: manager.token, body: { code } });
    const waiting = await eventually(async () => {
      const [rows] = await blocker.query<mysql.RowDataPacket[]>(
        "SELECT trx_rows_modified FROM information_schema.innodb_trx WHERE trx_state = 'LOCK WAIT'",
      );
      expect(rows).toHaveLength(1);
      return rows[0] as { trx_rows_modified: number };
    });
    expect(Number(waiting.trx_rows_modified)).toBeGreaterThan(0);
    await stack.killBff();
    expect((await handover).status).toBe(0);
    await blocker.query('ROLLBACK');
    await eventually(async () => {
      const [rows] = await blocker.query<mysql.RowDataPacket[]>('SELECT trx_id FROM information_schema.innodb_trx');
      expect(rows).toHaveLength(0);
    });
  } finally {
    await blocker.end();
  }
  expect((await orderState(stack.db, order.orderId)).status).toBe('ready_for_pickup');
  const credits = () =>
    stack.db
      .select({ delta: pointsLedger.delta })
      .from(pointsLedger)
      .where(and(eq(pointsLedger.reason, 'order_completed'), eq(pointsLedger.reference, order.orderNo)));
  expect(await credits()).toEqual([]);

  await stack.startBff();
  const done = await call(stack, 'POST', `/api/staff/pickups/${order.orderId}/confirm`, { token: manager.token, body: { code } });
  expect(done.status).toBe(200);
  // The staff member taps again (a lost answer): nothing more happens.
  const again = await call(stack, 'POST', `/api/staff/pickups/${order.orderId}/confirm`, { token: manager.token, body: { code } });
  expect(again.status).toBeGreaterThanOrEqual(400);
  expect((await orderState(stack.db, order.orderId)).status).toBe('completed');
  expect(await credits()).toHaveLength(1);
  await assertConsistent(stack.db);
});
