import request from 'supertest';
import { createOrder, pay, pickup, signIn, startHarness, stockedSku, waitForStatus, type Harness } from '../groupbuy/harness';

/** POST /api/orders/:id/pay answers from the params signed when the order was placed (prepay is idempotent). */
describe('paying again', () => {
  let h: Harness;
  const taken = new Set<number>();

  beforeAll(async () => {
    h = await startHarness('prepay-cache');
  });
  afterAll(async () => {
    await h.close();
  });

  it('returns the same signed params without asking WeChat again, and stops once the order is paid', async () => {
    const customer = await signIn(h, 'pay-again');
    const skuId = await stockedSku(h, taken);
    const created = await createOrder(h, customer, { items: [{ skuId, qty: 1 }], fulfillment: pickup });
    expect(created.status).toBe(201);
    const orderId = created.body.order.id as number;

    const prepays: string[] = [];
    const realPrepay = h.deps.pay.prepay.bind(h.deps.pay);
    h.deps.pay.prepay = async (input) => {
      prepays.push(input.outTradeNo);
      return realPrepay(input);
    };
    try {
      const again = await Promise.all([1, 2, 3].map(() => request(h.base).post(`/api/orders/${orderId}/pay`).set(customer.auth)));
      for (const res of again) {
        expect(res.status).toBe(200);
        expect(res.body.payment).toEqual(created.body.payment);
      }
      expect(prepays).toEqual([]);
    } finally {
      h.deps.pay.prepay = realPrepay;
    }

    await pay(h, created);
    await waitForStatus(h, orderId, 'preparing');
    const paid = await request(h.base).post(`/api/orders/${orderId}/pay`).set(customer.auth);
    expect(paid.status).toBe(409);
    expect(paid.body.code).toBe('ORDER_STATE_CONFLICT');
  });
});
