import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { pointsExchangeItems, products, skus, staff } from '@shop/db';
import request from 'supertest';
import { makeTemplate, giveCoupon } from '../coupon/offline-support';
import {
  createCampaign,
  createOrder,
  newKey,
  pay,
  signIn,
  stockedSku,
  waitForStatus,
  type Customer,
  type Harness,
} from '../groupbuy/harness';

/** Who asks: nobody, two customers, and staff of two stores in two roles, and head office. */
export const ACTORS = ['anon', 'custA', 'custB', 'clerk1', 'clerk2', 'manager1', 'manager2', 'admin'] as const;
export type Actor = (typeof ACTORS)[number];

export const OPENIDS: Record<Exclude<Actor, 'anon'>, string> = {
  custA: 'authz-customer-a',
  custB: 'authz-customer-b',
  clerk1: 'demo-clerk-1',
  clerk2: 'demo-clerk-2',
  manager1: 'demo-manager-1',
  manager2: 'demo-manager-2',
  admin: 'demo-admin',
};

export type Fixtures = Awaited<ReturnType<typeof buildFixtures>>;

/**
 * Real data owned by customer A and by store 1, made through the API the way people make it
 * (orders paid in the WeChat sandbox, 备货完成 by a clerk, after-sale requests by the customer,
 * codes fetched from the customer's pages), so every cross-owner cell of the matrix names
 * something that exists and belongs to someone else.
 */
export async function buildFixtures(h: Harness) {
  const signedIn = Object.fromEntries(
    await Promise.all(Object.entries(OPENIDS).map(async ([actor, openid]) => [actor, await signIn(h, openid)] as const)),
  ) as Record<Exclude<Actor, 'anon'>, Customer>;
  const storeOf = async (memberId: number) =>
    (await h.deps.db.select({ storeId: staff.storeId }).from(staff).where(eq(staff.memberId, memberId)))[0].storeId!;
  const store1 = await storeOf(signedIn.clerk1.memberId);
  const store2 = await storeOf(signedIn.clerk2.memberId);
  if (
    store1 === store2 ||
    (await storeOf(signedIn.manager1.memberId)) !== store1 ||
    (await storeOf(signedIn.manager2.memberId)) !== store2
  ) {
    throw new Error('the seed no longer has a clerk and a manager in each of two stores');
  }
  const a = signedIn.custA;
  const api = () => request(h.base);
  const taken = new Set<number>();
  const sku = () => stockedSku(h, taken, store1);
  const pickupAt1 = { type: 'pickup', storeId: store1 } as const;

  async function paidOrder(): Promise<number> {
    const created = await createOrder(h, a, { items: [{ skuId: await sku(), qty: 1 }], fulfillment: pickupAt1, couponId: null });
    if (created.status !== 201) throw new Error(`order: ${created.status} ${JSON.stringify(created.body)}`);
    await pay(h, created);
    await waitForStatus(h, created.body.order.id, 'preparing');
    return created.body.order.id as number;
  }
  async function readyOrder(): Promise<number> {
    const id = await paidOrder();
    const ready = await api().post(`/api/staff/orders/${id}/ready`).set(signedIn.clerk1.auth);
    if (ready.status !== 200) throw new Error(`ready: ${ready.status} ${JSON.stringify(ready.body)}`);
    return id;
  }
  async function requestedRefund(): Promise<number> {
    const orderId = await readyOrder();
    const asked = await api()
      .post(`/api/orders/${orderId}/refund-requests`)
      .set(a.auth)
      .set('Idempotency-Key', newKey())
      .send({ reason: '不想要了' });
    if (asked.status !== 201 || asked.body.status !== 'requested') throw new Error(`refund: ${asked.status} ${JSON.stringify(asked.body)}`);
    return asked.body.id as number;
  }

  // Orders of customer A at store 1, each in the state its routes act on.
  const pendingCreated = await createOrder(h, a, { items: [{ skuId: await sku(), qty: 1 }], fulfillment: pickupAt1, couponId: null });
  if (pendingCreated.status !== 201) throw new Error(`pending order: ${JSON.stringify(pendingCreated.body)}`);
  const [preparingOrder, refundableOrder, pickupOrder, approveRefund, rejectRefund, completedOrder] = await Promise.all([
    paidOrder(),
    paidOrder(),
    readyOrder(),
    requestedRefund(),
    requestedRefund(),
    readyOrder(),
  ]);
  const pickupCode = async (orderId: number) => (await api().get(`/api/orders/${orderId}`).set(a.auth)).body.pickup.code as string;
  const code = await pickupCode(pickupOrder);
  // A handed-over order: A has points and a completed order.
  const done = await api()
    .post(`/api/staff/pickups/${completedOrder}/confirm`)
    .set(signedIn.clerk1.auth)
    .send({ code: await pickupCode(completedOrder) });
  if (done.status !== 200) throw new Error(`handover: ${JSON.stringify(done.body)}`);

  // A's 售后 after pickup: one request the store's manager reviews and receives, one A withdraws.
  const returnedOrder = await readyOrder();
  const handedOver = await api()
    .post(`/api/staff/pickups/${returnedOrder}/confirm`)
    .set(signedIn.clerk1.auth)
    .send({ code: await pickupCode(returnedOrder) });
  if (handedOver.status !== 200) throw new Error(`handover: ${JSON.stringify(handedOver.body)}`);
  async function afterSale(orderId: number): Promise<number> {
    const options = await api().get(`/api/orders/${orderId}/after-sale-options`).set(a.auth);
    const asked = await api()
      .post(`/api/orders/${orderId}/after-sales`)
      .set(a.auth)
      .set('Idempotency-Key', newKey())
      .send({ type: 'return', reason: 'wrong_size', lines: [{ orderLineId: options.body.lines[0].orderLineId, qty: 1 }] });
    if (asked.status !== 201) throw new Error(`after-sale: ${asked.status} ${JSON.stringify(asked.body)}`);
    return asked.body.id as number;
  }
  const afterSales = { reviewed: await afterSale(returnedOrder), withdrawn: await afterSale(completedOrder) };

  // A's group: A opened it and paid, so it waits for friends (拼团中).
  const campaign = await createCampaign(h, { skuId: await sku(), groupSize: 3 });
  const groupCreated = await createOrder(h, a, {
    items: [{ skuId: campaign.skuId, qty: 1 }],
    fulfillment: pickupAt1,
    activity: { type: 'group', campaignId: campaign.id },
  });
  if (groupCreated.status !== 201) throw new Error(`group order: ${JSON.stringify(groupCreated.body)}`);
  await pay(h, groupCreated);
  await waitForStatus(h, groupCreated.body.order.id, 'awaiting_group');
  const groupOrder = groupCreated.body.order.id as number;
  const groupId = groupCreated.body.order.group.id as number;

  // A's coupons: one for the store (its rotating code), one for an online order.
  const bothChannels = await makeTemplate(h.deps, { kind: 'no_threshold', amountOffFen: 500, thresholdFen: 0 });
  const couponForCode = await giveCoupon(h.deps, bothChannels, a.memberId);
  const couponForOrder = await giveCoupon(h.deps, bothChannels, a.memberId);
  const couponCode = (await api().get(`/api/me/coupons/${couponForCode}/code`).set(a.auth)).body.code as string;
  const store1Only = await makeTemplate(h.deps, { kind: 'no_threshold', amountOffFen: 300, thresholdFen: 0, storeIds: [store1] });
  const store1Coupon = await giveCoupon(h.deps, store1Only, a.memberId);
  const store1CouponCode = (await api().get(`/api/me/coupons/${store1Coupon}/code`).set(a.auth)).body.code as string;
  const memberCode = (await api().get('/api/me/member-code').set(a.auth)).body.code as string;

  // A's 分享领券 pack.
  const reward = await makeTemplate(h.deps, { source: 'share_reward', audience: 'tiers', audienceTiers: ['no-such-tier'] });
  const shareTemplate = await makeTemplate(h.deps, { source: 'share', shareGoal: 3, shareRewardTemplateId: reward.id });
  const pack = await api().post('/api/coupon-shares').set(a.auth).send({ templateId: shareTemplate.id });
  if (pack.status !== 200) throw new Error(`share pack: ${JSON.stringify(pack.body)}`);

  // Store 1's 扫码领券 token, minted by its clerk.
  const qrTemplate = await makeTemplate(h.deps, { source: 'store_qr' });
  const minted = await api()
    .post('/api/staff/coupon-tokens')
    .set(signedIn.clerk1.auth)
    .send({ templateId: qrTemplate.id, expiresInMinutes: 60 });
  if (minted.status !== 200) throw new Error(`claim token: ${JSON.stringify(minted.body)}`);

  // Head office's things: a template to pause, resume and end; a product and a SKU to edit.
  const adminTemplate = await makeTemplate(h.deps, {});
  const [someSku] = await h.deps.db.select({ id: skus.id, priceFen: skus.priceFen, productId: skus.productId }).from(skus).limit(1);
  const [someProduct] = await h.deps.db
    .select({ id: products.id, subtitle: products.subtitle })
    .from(products)
    .where(eq(products.id, someSku.productId));
  const [exchangeItem] = await h.deps.db.select({ id: pointsExchangeItems.id }).from(pointsExchangeItems).limit(1);
  // A member head office binds as staff and unbinds again (not one of the actors, whose roles must hold).
  const bindee = await signIn(h, `authz-bindee-${randomBytes(3).toString('hex')}`);

  return {
    signedIn,
    store1,
    store2,
    skuForOrders: await sku(),
    orders: {
      pending: pendingCreated.body.order.id as number,
      preparing: preparingOrder,
      refundable: refundableOrder,
      pickup: pickupOrder,
      group: groupOrder,
    },
    pickupCode: code,
    refunds: { approve: approveRefund, reject: rejectRefund },
    afterSales: { ...afterSales, order: completedOrder },
    group: { id: groupId, campaignId: campaign.id },
    coupons: {
      forCode: couponForCode,
      forOrder: couponForOrder,
      code: couponCode,
      store1Code: store1CouponCode,
      templateId: bothChannels.id,
    },
    memberCode,
    share: { id: pack.body.shareId as number, templateId: shareTemplate.id },
    claimToken: { id: minted.body.id as number, token: minted.body.token as string, templateId: qrTemplate.id },
    adminTemplateId: adminTemplate.id,
    product: someProduct,
    sku: someSku,
    exchangeItemId: exchangeItem?.id,
    bindee,
  };
}
