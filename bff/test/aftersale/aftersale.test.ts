import { and, eq } from 'drizzle-orm';
import { afterSales, inventoryLedger, products, skus, statusChanges } from '@shop/db';
import QRCode from 'qrcode';
import request from 'supertest';
import { syncRefunded } from '../../src/modules/aftersale';
import { checkLedger, commit } from '../../src/modules/inventory/service';
import { creditCompletedOrder } from '../../src/modules/member/points';
import { findOrder } from '../../src/modules/order/queries';
import { applyOrderEvent } from '../../src/modules/order/transitions';
import { eventually, newKey, startHarness, type Harness } from '../refund/harness';

/**
 * 售后 after pickup through HTTP against the real stack: the window, the line rules, idempotent
 * create, photo uploads, the manager's decision, 确认收货 moving stock once (real parallel
 * requests), the refund settled by the WeChat sandbox, and the exchange moving both SKUs.
 */
jest.setTimeout(120_000);

let h: Harness;
let storeId: number;
let manager: Record<string, string>;

beforeAll(async () => {
  h = await startHarness('aftersale');
  storeId = await h.storeOf('demo-manager-1');
  manager = (await h.signIn('demo-manager-1')).auth;
});
afterAll(() => h.close());

/** Hands the order over at the store as pickup does: ready, completed (completed_at = now), reservation committed, points credited. */
async function pickUp(orderId: number): Promise<void> {
  await h.deps.db.transaction(async (tx) => {
    const order = (await findOrder(tx, orderId))!;
    const ready = await applyOrderEvent(tx, order, 'mark_ready', { type: 'staff' });
    await applyOrderEvent(tx, { id: order.id, status: ready }, 'complete', { type: 'staff' }, { set: { completedAt: h.clock.now() } });
    await commit(tx, { storeId: order.storeId, reference: order.orderNo, actor: { type: 'staff' }, at: h.clock.now() });
    await creditCompletedOrder(tx, { memberId: order.memberId!, orderNo: order.orderNo, paidFen: order.paidFen });
  });
}

async function pickedUpOrder(auth: Record<string, string>, items: { skuId: number; qty: number }[]) {
  const order = await h.paidOrder(auth, storeId, items);
  await pickUp(order.id);
  return (await h.orderRow(order.id))!;
}

const signed = new Map<string, Record<string, string>>();
async function customer(openid: string) {
  if (!signed.has(openid)) signed.set(openid, (await h.signIn(openid)).auth);
  return signed.get(openid)!;
}

const options = (auth: Record<string, string>, orderId: number) =>
  request(h.base).get(`/api/orders/${orderId}/after-sale-options`).set(auth);
const ask = (auth: Record<string, string>, orderId: number, body: object, key = newKey('as')) =>
  request(h.base).post(`/api/orders/${orderId}/after-sales`).set(auth).set('Idempotency-Key', key).send(body);
const staffStep = (auth: Record<string, string>, id: number, step: string, body: object = {}) =>
  request(h.base).post(`/api/staff/after-sales/${id}/${step}`).set(auth).send(body);
const upload = (auth: Record<string, string>, bytes: Buffer, filename: string, contentType = 'image/png') =>
  request(h.base).post('/api/media').set(auth).attach('file', bytes, { filename, contentType });

async function lineIds(auth: Record<string, string>, orderId: number): Promise<Record<number, number>> {
  const res = await options(auth, orderId);
  expect(res.status).toBe(200);
  return Object.fromEntries(res.body.lines.map((l: { skuId: number; orderLineId: number }) => [l.skuId, l.orderLineId]));
}

/** A real PNG (the QR library draws one), different for each text. */
function png(text = 'after-sale'): Promise<Buffer> {
  return QRCode.toBuffer(text, { type: 'png', width: 64 });
}

const ledgerOf = (reference: string) => h.deps.db.select().from(inventoryLedger).where(eq(inventoryLedger.reference, reference));

describe('asking for after-sale', () => {
  it('takes a request within the window after pickup, and refuses one after it with a Chinese 422', async () => {
    const auth = await customer('as-window');
    const [skuId] = await h.stockedSkus(storeId, 1);
    const order = await pickedUpOrder(auth, [{ skuId, qty: 1 }]);
    const lines = await lineIds(auth, order.id);
    const opts = await options(auth, order.id);
    expect(opts.body).toMatchObject({ eligible: true, returnAllowed: true, reason: null });
    expect(new Date(opts.body.deadline).getTime() - order.completedAt!.getTime()).toBe(7 * 86_400_000);

    const asked = await ask(auth, order.id, { type: 'return', reason: 'wrong_size', lines: [{ orderLineId: lines[skuId], qty: 1 }] });
    expect(asked.status).toBe(201);
    expect(asked.body).toMatchObject({
      status: 'requested',
      statusLabel: '待审核',
      type: 'return',
      typeLabel: '退货退款',
      refundFen: order.paidFen,
      reasonLabel: '尺码/规格不合适',
    });
    expect(asked.body.serviceNo).toMatch(/^AS\d+-01$/);
    expect(asked.body.timeline.map((t: { status: string }) => t.status)).toEqual(['requested']);

    const [laterSku] = await h.stockedSkus(storeId, 1);
    const late = await pickedUpOrder(auth, [{ skuId: laterSku, qty: 1 }]);
    const lateLines = await lineIds(auth, late.id);
    h.clock.advance(7 * 86_400_000 + 60_000);
    try {
      const refused = await ask(auth, late.id, {
        type: 'return',
        reason: 'quality',
        lines: [{ orderLineId: lateLines[laterSku], qty: 1 }],
      });
      expect(refused.status).toBe(422);
      expect(refused.body).toMatchObject({ code: 'AFTER_SALE_WINDOW_CLOSED', message: expect.stringContaining('7 天') });
      expect((await options(auth, late.id)).body).toMatchObject({ eligible: false, reason: expect.stringContaining('售后期限') });
    } finally {
      h.clock.advance(-(7 * 86_400_000 + 60_000));
    }
  });

  it('refuses an order not picked up yet, more than was bought, a second open request on a line, and another member’s order', async () => {
    const auth = await customer('as-rules');
    const [skuId, otherSku] = await h.stockedSkus(storeId, 2);
    const waiting = await h.paidOrder(auth, storeId, [{ skuId: otherSku, qty: 1 }]);
    const notYet = await ask(auth, waiting.id, { type: 'return', reason: 'quality', lines: [{ orderLineId: 1, qty: 1 }] });
    expect(notYet.status).toBe(422);
    expect(notYet.body.code).toBe('AFTER_SALE_NOT_ALLOWED');

    const order = await pickedUpOrder(auth, [{ skuId, qty: 3 }]);
    const lineId = (await lineIds(auth, order.id))[skuId];
    const tooMany = await ask(auth, order.id, { type: 'return', reason: 'quality', lines: [{ orderLineId: lineId, qty: 4 }] });
    expect(tooMany.status).toBe(422);
    expect(tooMany.body).toMatchObject({ code: 'AFTER_SALE_QTY_EXCEEDS', message: '售后数量超过可申请数量' });

    const first = await ask(auth, order.id, { type: 'return', reason: 'quality', lines: [{ orderLineId: lineId, qty: 2 }] });
    expect(first.status).toBe(201);
    expect(first.body.refundFen).toBe(Math.floor((order.paidFen * 2) / 3));
    const second = await ask(auth, order.id, { type: 'return', reason: 'quality', lines: [{ orderLineId: lineId, qty: 1 }] });
    expect(second.status).toBe(422);
    expect(second.body.code).toBe('AFTER_SALE_LINE_OPEN');

    // Someone else's order "does not exist" for them, and so does the request.
    const stranger = await customer('as-stranger');
    expect((await ask(stranger, order.id, { type: 'return', reason: 'quality', lines: [{ orderLineId: lineId, qty: 1 }] })).status).toBe(
      404,
    );
    expect((await request(h.base).get(`/api/after-sales/${first.body.id}`).set(stranger)).status).toBe(404);
    expect((await request(h.base).post(`/api/after-sales/${first.body.id}/cancel`).set(stranger)).status).toBe(404);
    expect((await options(stranger, order.id)).status).toBe(404);

    // Withdrawn, the line is free again, but only for what was not already asked for: 3 units in all.
    const cancelled = await request(h.base).post(`/api/after-sales/${first.body.id}/cancel`).set(auth);
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toMatchObject({ status: 'cancelled', statusLabel: '已撤销' });
    const again = await ask(auth, order.id, { type: 'return', reason: 'quality', lines: [{ orderLineId: lineId, qty: 3 }] });
    expect(again.status).toBe(201);
    expect(again.body.refundFen).toBe(order.paidFen);
    const mine = await request(h.base).get('/api/me/after-sales').set(auth);
    expect(mine.body.items.map((a: { id: number }) => a.id)).toEqual([again.body.id, first.body.id]);
  });

  it('creates once per Idempotency-Key, also for parallel repeats, and refuses the key with another body', async () => {
    const auth = await customer('as-idem');
    const [skuId] = await h.stockedSkus(storeId, 1);
    const order = await pickedUpOrder(auth, [{ skuId, qty: 2 }]);
    const lineId = (await lineIds(auth, order.id))[skuId];
    const body = { type: 'return', reason: 'changed_mind', description: '颜色和图片不一样', lines: [{ orderLineId: lineId, qty: 1 }] };
    const key = newKey('as-idem');
    const answers = await Promise.all([1, 2, 3, 4].map(() => ask(auth, order.id, body, key)));
    expect(answers.map((a) => a.status)).toEqual([201, 201, 201, 201]);
    expect(new Set(answers.map((a) => a.body.id)).size).toBe(1);
    const rows = await h.deps.db.select().from(afterSales).where(eq(afterSales.orderId, order.id));
    expect(rows).toHaveLength(1);
    const reused = await ask(auth, order.id, { ...body, lines: [{ orderLineId: lineId, qty: 2 }] }, key);
    expect(reused.status).toBe(422);
    expect(reused.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect((await ask(auth, order.id, body, '')).status).toBe(400);
  });
});

describe('photos', () => {
  it('accepts a real PNG and serves it, refuses a text file named .png, an oversized file and someone else’s upload', async () => {
    const auth = await customer('as-photos');
    const bytes = await png();
    const ok = await upload(auth, bytes, 'photo.png');
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({
      mime: 'image/png',
      sizeBytes: bytes.length,
      url: expect.stringMatching(/\/media\/[0-9a-f]{32}\.png$/),
    });
    const served = await request(h.base).get(new URL(ok.body.url).pathname).buffer(true);
    expect(served.status).toBe(200);
    expect(served.headers['content-type']).toBe('image/png');
    expect(served.headers['x-content-type-options']).toBe('nosniff');
    expect(Buffer.compare(served.body as Buffer, bytes)).toBe(0);

    const fake = await upload(auth, Buffer.from('这不是图片，只是改了扩展名'), 'fake.png');
    expect(fake.status).toBe(422);
    expect(fake.body).toMatchObject({ code: 'MEDIA_TYPE_NOT_ALLOWED', message: '仅支持 JPG、PNG、WebP 格式的图片' });

    const big = Buffer.concat([bytes, Buffer.alloc(h.deps.config.media.maxBytes)]);
    const tooBig = await upload(auth, big, 'big.png');
    expect(tooBig.status).toBe(413);
    expect(tooBig.body.code).toBe('PAYLOAD_TOO_LARGE');
    expect((await request(h.base).post('/api/media').send({ file: 'x' })).status).toBe(401);
    expect((await request(h.base).post('/api/media').set(auth).send({ file: 'x' })).status).toBe(400);
    expect((await request(h.base).get('/media/00000000000000000000000000000000.png')).status).toBe(404);

    // Attaching: own photos yes (in order), someone else's never.
    const [skuId] = await h.stockedSkus(storeId, 1);
    const order = await pickedUpOrder(auth, [{ skuId, qty: 1 }]);
    const lineId = (await lineIds(auth, order.id))[skuId];
    const other = await upload(await customer('as-photo-owner'), await png('someone else'), 'x.png');
    const refused = await ask(auth, order.id, {
      type: 'return',
      reason: 'quality',
      lines: [{ orderLineId: lineId, qty: 1 }],
      photoIds: [ok.body.id, other.body.id],
    });
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe('MEDIA_NOT_YOURS');
    const second = await upload(auth, await png('second photo'), 'b.png');
    const withPhotos = await ask(auth, order.id, {
      type: 'return',
      reason: 'quality',
      lines: [{ orderLineId: lineId, qty: 1 }],
      photoIds: [second.body.id, ok.body.id],
    });
    expect(withPhotos.status).toBe(201);
    expect(withPhotos.body.photos).toEqual([
      { id: second.body.id, url: second.body.url },
      { id: ok.body.id, url: ok.body.url },
    ]);
    const sevenPhotos = await ask(auth, order.id, {
      type: 'return',
      reason: 'quality',
      lines: [{ orderLineId: lineId, qty: 1 }],
      photoIds: [1, 2, 3, 4, 5, 6, 7],
    });
    expect(sevenPhotos.status).toBe(400);
  });
});

describe('the store’s side', () => {
  it('approve → 确认收货 puts the goods back once (ledgered), refunds through WeChat, and the customer reads 退款成功', async () => {
    const auth = await customer('as-refund');
    const [skuId] = await h.stockedSkus(storeId, 1);
    const order = await pickedUpOrder(auth, [{ skuId, qty: 2 }]);
    const lineId = (await lineIds(auth, order.id))[skuId];
    const asked = await ask(auth, order.id, { type: 'return', reason: 'wrong_size', lines: [{ orderLineId: lineId, qty: 1 }] });
    const id = asked.body.id as number;

    // Goods cannot be received before the decision; clerks and other stores cannot decide.
    expect((await staffStep(manager, id, 'receive')).status).toBe(409);
    expect((await staffStep((await h.signIn('demo-clerk-1')).auth, id, 'approve')).status).toBe(403);
    expect((await staffStep((await h.signIn('demo-manager-2')).auth, id, 'approve')).status).toBe(403);
    expect((await staffStep(auth, id, 'approve')).status).toBe(403);

    const list = await request(h.base).get('/api/staff/after-sales').set(manager);
    expect(list.status).toBe(200);
    expect(list.body.items).toContainEqual(expect.objectContaining({ id, status: 'requested', orderNo: order.orderNo }));
    const approved = await staffStep(manager, id, 'approve', { note: '请带上吊牌' });
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ status: 'approved', decisionNote: '请带上吊牌', hint: expect.stringContaining('办理退货') });

    const before = await h.stockRow(skuId, storeId);
    const taps = await Promise.all([1, 2, 3, 4, 5].map(() => staffStep(manager, id, 'receive')));
    expect(taps.map((t) => t.status).sort()).toEqual([200, 409, 409, 409, 409]);
    const after = await h.stockRow(skuId, storeId);
    expect(after.onHand - before.onHand).toBe(1);
    expect(await ledgerOf(asked.body.serviceNo)).toEqual([
      expect.objectContaining({ kind: 'refund_restock', skuId, storeId, onHandDelta: 1, reservedDelta: 0, actorType: 'staff' }),
    ]);

    const refundAmount = Math.floor(order.paidFen / 2);
    await eventually(async () => {
      const [refund] = await h.refundsOf(order.id);
      expect(refund).toMatchObject({ source: 'after_sale', status: 'succeeded', amountFen: refundAmount });
    });
    expect(h.wechatRefunds(order.orderNo)).toHaveLength(1);
    // The settlement gave the money back without a second restock.
    expect((await h.stockRow(skuId, storeId)).onHand).toBe(after.onHand);
    const [refund] = await h.refundsOf(order.id);
    expect(await ledgerOf(refund.outRefundNo)).toEqual([]);
    expect((await h.orderRow(order.id)).refundedFen).toBe(refundAmount);

    const seen = await request(h.base).get(`/api/after-sales/${id}`).set(auth);
    expect(seen.body).toMatchObject({ statusLabel: '退款成功', refund: { status: 'succeeded', amountFen: refundAmount } });
    await syncRefunded(h.deps);
    expect((await h.deps.db.select().from(afterSales).where(eq(afterSales.id, id)))[0].status).toBe('refunded');
    expect(await syncRefunded(h.deps)).toEqual({ refunded: 0 });
    const detail = await request(h.base).get(`/api/after-sales/${id}`).set(auth);
    expect(detail.body.timeline.map((t: { status: string }) => t.status)).toEqual([
      'requested',
      'approved',
      'returned',
      'refunding',
      'refunded',
    ]);
    expect(detail.body.hint).toContain('已原路退回');
    expect(await checkLedger(h.deps.db)).toEqual([]);
  });

  it('never refunds a line twice: an older refund request on the same units makes the receipt roll back, stock untouched', async () => {
    const auth = await customer('as-twice');
    const [skuId] = await h.stockedSkus(storeId, 1);
    const order = await pickedUpOrder(auth, [{ skuId, qty: 1 }]);
    const lineId = (await lineIds(auth, order.id))[skuId];
    const asked = await ask(auth, order.id, { type: 'return', reason: 'quality', lines: [{ orderLineId: lineId, qty: 1 }] });
    expect((await staffStep(manager, asked.body.id, 'approve')).status).toBe(200);
    // The same unit through the refund route (the API still takes a completed order), approved by the manager.
    const refund = await h.askRefund(auth, order.id, { reason: '质量问题', lines: [{ orderLineId: lineId, qty: 1 }] });
    expect(refund.status).toBe(201);
    expect((await request(h.base).post(`/api/staff/refund-requests/${refund.body.id}/approve`).set(manager)).status).toBe(200);
    await eventually(async () => expect((await h.refundRow(refund.body.id)).status).toBe('succeeded'));

    const before = await h.stockRow(skuId, storeId);
    const receipt = await staffStep(manager, asked.body.id, 'receive');
    expect(receipt.status).toBe(422);
    expect(receipt.body.code).toMatch(/^REFUND_/);
    expect((await h.stockRow(skuId, storeId)).onHand).toBe(before.onHand);
    expect(await ledgerOf(asked.body.serviceNo)).toEqual([]);
    expect((await request(h.base).get(`/api/after-sales/${asked.body.id}`).set(auth)).body.status).toBe('approved');
    // And the other way round: nothing is left to ask for.
    expect((await options(auth, order.id)).body.lines[0]).toMatchObject({ availableQty: 0 });
  });

  it('rejects with a note the customer reads; a rejected request frees the line', async () => {
    const auth = await customer('as-reject');
    const [skuId] = await h.stockedSkus(storeId, 1);
    const order = await pickedUpOrder(auth, [{ skuId, qty: 1 }]);
    const lineId = (await lineIds(auth, order.id))[skuId];
    const asked = await ask(auth, order.id, { type: 'return', reason: 'changed_mind', lines: [{ orderLineId: lineId, qty: 1 }] });
    expect((await staffStep(manager, asked.body.id, 'reject', {})).status).toBe(400);
    const rejected = await staffStep(manager, asked.body.id, 'reject', { note: '商品已洗涤，不支持退货' });
    expect(rejected.body).toMatchObject({ status: 'rejected', hint: '门店未通过申请：商品已洗涤，不支持退货' });
    expect((await staffStep(manager, asked.body.id, 'approve')).status).toBe(409);
    expect((await request(h.base).post(`/api/after-sales/${asked.body.id}/cancel`).set(auth)).status).toBe(409);
    expect((await options(auth, order.id)).body.lines[0]).toMatchObject({ availableQty: 1, open: false });
  });

  it('换货: the returned SKU comes back and the other SKU of the same product and price goes out', async () => {
    const auth = await customer('as-exchange');
    const pair = await siblingSkus();
    const order = await pickedUpOrder(auth, [{ skuId: pair.from, qty: 1 }]);
    const lineId = (await lineIds(auth, order.id))[pair.from];
    const opts = await options(auth, order.id);
    expect(opts.body.lines[0].exchangeOptions.map((o: { skuId: number }) => o.skuId)).toContain(pair.to);

    const notSameProduct = await ask(auth, order.id, {
      type: 'exchange',
      reason: 'wrong_size',
      lines: [{ orderLineId: lineId, qty: 1, exchangeSkuId: pair.elsewhere }],
    });
    expect(notSameProduct.status).toBe(422);
    expect(notSameProduct.body.code).toBe('AFTER_SALE_EXCHANGE_NOT_ALLOWED');

    const asked = await ask(auth, order.id, {
      type: 'exchange',
      reason: 'wrong_size',
      lines: [{ orderLineId: lineId, qty: 1, exchangeSkuId: pair.to }],
    });
    expect(asked.status).toBe(201);
    expect(asked.body).toMatchObject({
      typeLabel: '换货',
      refundFen: 0,
      lines: [{ exchange: { skuId: pair.to, specText: expect.any(String) } }],
    });
    const id = asked.body.id as number;
    expect((await staffStep(manager, id, 'approve')).status).toBe(200);
    expect((await staffStep(manager, id, 'hand-over')).status).toBe(409);
    const fromBefore = await h.stockRow(pair.from, storeId);
    const toBefore = await h.stockRow(pair.to, storeId);
    const received = await staffStep(manager, id, 'receive');
    expect(received.body).toMatchObject({ status: 'returned', statusLabel: '门店已收货' });
    const handed = await Promise.all([1, 2, 3].map(() => staffStep(manager, id, 'hand-over')));
    expect(handed.map((r) => r.status).sort()).toEqual([200, 409, 409]);
    expect((await h.stockRow(pair.from, storeId)).onHand - fromBefore.onHand).toBe(1);
    expect((await h.stockRow(pair.to, storeId)).onHand - toBefore.onHand).toBe(-1);
    const ledger = await ledgerOf(asked.body.serviceNo);
    expect(ledger.map((r) => [r.kind, r.skuId, r.onHandDelta]).sort()).toEqual(
      [
        ['offline_sale', pair.to, -1],
        ['refund_restock', pair.from, 1],
      ].sort(),
    );
    expect(await h.refundsOf(order.id)).toEqual([]);
    const seen = await request(h.base).get(`/api/after-sales/${id}`).set(auth);
    expect(seen.body).toMatchObject({ status: 'exchanged', statusLabel: '换货完成' });
    const history = await h.deps.db
      .select()
      .from(statusChanges)
      .where(and(eq(statusChanges.entity, 'after_sale'), eq(statusChanges.entityId, id)));
    expect(history.map((r) => r.event)).toEqual(['created', 'approve', 'receive', 'hand_over']);
    expect(await checkLedger(h.deps.db)).toEqual([]);
  });
});

/** Two active SKUs of one product at one price, both well stocked at the store, and a SKU of another product. */
async function siblingSkus(): Promise<{ from: number; to: number; elsewhere: number }> {
  const rows = await h.deps.db
    .select({ id: skus.id, productId: skus.productId, priceFen: skus.priceFen })
    .from(skus)
    .innerJoin(products, eq(products.id, skus.productId))
    .where(and(eq(skus.status, 'active'), eq(products.status, 'on_sale')));
  for (const a of rows) {
    const b = rows.find((r) => r.productId === a.productId && r.id !== a.id && r.priceFen === a.priceFen);
    if (!b) continue;
    const [sa, sb] = [await h.stockRow(a.id, storeId), await h.stockRow(b.id, storeId)];
    if (!sa || !sb || sa.onHand - sa.reserved - sa.safetyStock < 5 || sb.onHand - sb.reserved < 5) continue;
    const elsewhere = rows.find((r) => r.productId !== a.productId)!;
    return { from: a.id, to: b.id, elsewhere: elsewhere.id };
  }
  throw new Error('no product with two same-price SKUs in stock');
}
