import { eq } from 'drizzle-orm';
import { orderLines, userCoupons } from '@shop/db';
import { eventually, startHarness, type Harness } from '../refund/harness';

/**
 * A coupon comes back only on a full refund while it is still valid (docs/domain.md#coupons):
 * a partial refund keeps it used, and one past its end stays used after a full refund.
 */
let h: Harness;
let storeId: number;

beforeAll(async () => {
  h = await startHarness('coupon-refund-return');
  storeId = await h.storeOf('demo-manager-1');
}, 120_000);

afterAll(async () => {
  await h?.close();
});

const couponRow = async (id: number) => (await h.deps.db.select().from(userCoupons).where(eq(userCoupons.id, id)))[0];
const linesOf = (orderId: number) => h.deps.db.select().from(orderLines).where(eq(orderLines.orderId, orderId)).orderBy(orderLines.id);

it('a partial refund keeps the coupon used; the refund that completes it gives the coupon back', async () => {
  const { auth, memberId } = await h.signIn('cr-partial');
  const [skuA, skuB] = await h.stockedSkus(storeId, 2);
  const couponId = await h.giveCoupon(memberId);
  const order = await h.paidOrder(
    auth,
    storeId,
    [
      { skuId: skuA, qty: 1 },
      { skuId: skuB, qty: 1 },
    ],
    couponId,
  );
  expect(order.couponDiscountFen).toBeGreaterThan(0);
  expect(await couponRow(couponId)).toMatchObject({ status: 'used', usedOrderId: order.id });
  // The coupon's discount sits on the lines in exact fen, so each line's refund is its own share.
  const [lineA, lineB] = await linesOf(order.id);
  expect(lineA.couponShareFen + lineB.couponShareFen).toBe(order.couponDiscountFen);

  const first = await h.askRefund(auth, order.id, { reason: '不想要了', lines: [{ orderLineId: lineA.id, qty: 1 }] });
  expect(first.body).toMatchObject({ amountFen: lineA.payableFen });
  await eventually(async () => expect((await h.refundRow(first.body.id)).status).toBe('succeeded'));
  expect(await couponRow(couponId)).toMatchObject({ status: 'used', usedOrderId: order.id });

  const second = await h.askRefund(auth, order.id, { reason: '都不要了', lines: [{ orderLineId: lineB.id, qty: 1 }] });
  expect(second.body).toMatchObject({ amountFen: lineB.payableFen });
  await eventually(async () => expect((await h.refundRow(second.body.id)).status).toBe('succeeded'));
  expect(await couponRow(couponId)).toMatchObject({ status: 'available', usedOrderId: null });
});

it('a full refund after the coupon ended leaves it used', async () => {
  const { auth, memberId } = await h.signIn('cr-expired');
  const [skuId] = await h.stockedSkus(storeId, 1);
  const couponId = await h.giveCoupon(memberId);
  const order = await h.paidOrder(auth, storeId, [{ skuId, qty: 1 }], couponId);
  await h.deps.db
    .update(userCoupons)
    .set({ validTo: new Date(h.clock.now().getTime() - 1) })
    .where(eq(userCoupons.id, couponId));
  const refund = await h.askRefund(auth, order.id, { reason: '不想要了' });
  expect(refund.status).toBe(201);
  await eventually(async () => expect((await h.refundRow(refund.body.id)).status).toBe('succeeded'));
  expect(await couponRow(couponId)).toMatchObject({ status: 'used', usedOrderId: order.id });
});
