import { eq } from 'drizzle-orm';
import { payments, refunds } from '@shop/db';
import { cancelUnpaid } from '../../src/modules/checkout/close';
import { findOrder } from '../../src/modules/order/queries';
import { settlePayment } from '../../src/modules/payment/service';
import { eventually } from '../support/eventually';
import { createOrder, orderRow, pay, pickup, signIn, startHarness, stockedSku, stockRow, type Harness } from '../groupbuy/harness';

describe('a payment that lands after its order was cancelled', () => {
  let h: Harness;
  const taken = new Set<number>();

  beforeAll(async () => {
    h = await startHarness('late-pay');
  });
  afterAll(async () => {
    await h.close();
  });

  it('is refunded in full at once; the order stays cancelled and the stock is not counted twice', async () => {
    const customer = await signIn(h, 'late-payer');
    const skuId = await stockedSku(h, taken);
    const before = await stockRow(h, skuId);
    const created = await createOrder(h, customer, { items: [{ skuId, qty: 2 }], fulfillment: pickup });
    const orderId = created.body.order.id as number;

    // The customer pays in WeChat, but the notification is lost …
    await h.sandbox.fault({ api: 'notify', kind: 'drop', times: 1 });
    await pay(h, created);
    // … and we cancel without learning of it (as when the prepay id never reached our database).
    await h.deps.db.update(payments).set({ prepayId: null }).where(eq(payments.orderId, orderId));
    expect(await cancelUnpaid(h.deps, (await findOrder(h.deps.db, orderId))!, { type: 'system' }, 'payment_timeout')).toBe('cancelled');

    const trade = await h.deps.pay.query(created.body.order.orderNo);
    expect(trade.tradeState).toBe('SUCCESS');
    expect(await settlePayment(h.deps, trade)).toBe('refunding');
    expect(await settlePayment(h.deps, trade)).toBe('already_paid');

    await eventually(async () => {
      const [refund] = await h.deps.db.select().from(refunds).where(eq(refunds.orderId, orderId));
      expect(refund).toMatchObject({ source: 'paid_after_cancel', status: 'succeeded', amountFen: trade.amountFen });
    });
    const order = await orderRow(h, orderId);
    expect(order).toMatchObject({ status: 'cancelled', paidFen: trade.amountFen, refundedFen: trade.amountFen });
    const after = await stockRow(h, skuId);
    expect({ onHand: after.onHand, reserved: after.reserved }).toEqual({ onHand: before.onHand, reserved: before.reserved });
    expect(await h.deps.db.select().from(refunds).where(eq(refunds.orderId, orderId))).toHaveLength(1);
  });
});
