import { and, eq, gt } from 'drizzle-orm';
import { inventory, members, products, skus, staff } from '@shop/db';
import type { Page } from 'playwright-core';
import QRCode from 'qrcode';
import { commit } from '../../../bff/src/modules/inventory/service';
import { creditCompletedOrder } from '../../../bff/src/modules/member/points';
import { findOrder } from '../../../bff/src/modules/order/queries';
import { applyOrderEvent } from '../../../bff/src/modules/order/transitions';
import { eventually } from '../../../bff/test/support/eventually';
import { launchBrowser, settledScreenshot, useDemoAccount, visible, type Browser } from '../../src/e2e/harness';
import { startStack, type Stack } from '../../src/e2e/stack';

// 售后 after pickup in the browser, on the real stack: a customer who picked up an order files
// 退货退款 with a photo (申请售后 on the order page → the request page → the detail), sees it in
// 退款/售后; the store manager approves it in 售后审核 › 退换货 and confirms the goods are back
// (确认收货); WeChat (the sandbox) refunds, and the customer's request reads 退款成功.
// Screenshots of the request page, the list, the detail and the staff view at 375 and 320 px.
jest.setTimeout(300_000);

let stack: Stack;
const browsers: Browser[] = [];
let order: { id: number; orderNo: string; paidFen: number };
let skuId: number;
let storeId: number;

async function signedIn(openid: string): Promise<Page> {
  const browser = await launchBrowser();
  browsers.push(browser);
  await useDemoAccount(browser.context, openid);
  return browser.context.newPage();
}

async function both(page: Page, name: string): Promise<void> {
  await settledScreenshot(page, `aftersale-${name}-375`);
  await page.setViewportSize({ width: 320, height: 700 });
  await settledScreenshot(page, `aftersale-${name}-320`);
  await page.setViewportSize({ width: 375, height: 700 });
}

async function confirmModal(page: Page, title: string): Promise<void> {
  const modal = visible(page.locator('.taro-modal__content'));
  await modal.locator('.taro-modal__title').getByText(title).waitFor();
  await modal.locator('.taro-model__confirm').click();
}

/** The customer's order through the API (as checkout places it), paid in the sandbox, then handed over at the store. */
async function pickedUpOrder(openid: string): Promise<{ id: number; orderNo: string; paidFen: number }> {
  const code = await stack.sandbox.loginCode(openid);
  const login = await (
    await fetch(`${stack.apiBase}/api/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ code }),
    })
  ).json();
  const created = await fetch(`${stack.apiBase}/api/orders`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      Authorization: `Bearer ${login.token}`,
      'Idempotency-Key': `e2e-aftersale-${Date.now()}`,
    },
    body: JSON.stringify({ items: [{ skuId, qty: 1 }], fulfillment: { type: 'pickup', storeId }, couponId: null }),
  });
  const body = await created.json();
  if (created.status !== 201) throw new Error(`order: ${created.status} ${JSON.stringify(body)}`);
  await fetch(`${stack.sandbox.url}/sandbox/pay/confirm`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ prepay_id: String(body.payment.package).replace('prepay_id=', '') }),
  });
  const { db } = stack.deps;
  await eventually(async () => expect((await findOrder(db, body.order.id))?.status).toBe('preparing'));
  await db.transaction(async (tx) => {
    const row = (await findOrder(tx, body.order.id))!;
    const ready = await applyOrderEvent(tx, row, 'mark_ready', { type: 'staff' });
    await applyOrderEvent(tx, { id: row.id, status: ready }, 'complete', { type: 'staff' }, { set: { completedAt: new Date() } });
    await commit(tx, { storeId: row.storeId, reference: row.orderNo, actor: { type: 'staff' } });
    await creditCompletedOrder(tx, { memberId: row.memberId!, orderNo: row.orderNo, paidFen: row.paidFen });
  });
  const done = (await findOrder(db, body.order.id))!;
  return { id: done.id, orderNo: done.orderNo, paidFen: done.paidFen };
}

beforeAll(async () => {
  stack = await startStack('e2e_aftersale');
  const { db } = stack.deps;
  const [manager] = await db
    .select({ storeId: staff.storeId })
    .from(staff)
    .innerJoin(members, eq(members.id, staff.memberId))
    .where(eq(members.openid, 'demo-manager-1'));
  storeId = manager.storeId!;
  const [sku] = await db
    .select({ id: skus.id })
    .from(skus)
    .innerJoin(products, eq(products.id, skus.productId))
    .innerJoin(inventory, and(eq(inventory.skuId, skus.id), eq(inventory.storeId, storeId)))
    .where(and(eq(products.status, 'on_sale'), eq(skus.status, 'active'), gt(inventory.onHand, 20), gt(skus.priceFen, 5000)))
    .limit(1);
  skuId = sku.id;
  order = await pickedUpOrder('demo-customer-1');
});

afterAll(async () => {
  for (const browser of browsers) await browser.close();
  await stack?.close();
});

let customer: Page;
let afterSaleId: number;

test('a customer files 退货退款 with a photo on a picked-up order', async () => {
  customer = await signedIn('demo-customer-1');
  await customer.goto(`${stack.appUrl}/#/pages/order/index?id=${order.id}`);
  await visible(customer.getByText('申请售后', { exact: true })).waitFor();
  await both(customer, 'order-entry');
  await visible(customer.getByText('申请售后', { exact: true })).click();
  await visible(customer.locator('.as-apply .as-line')).waitFor();
  await visible(customer.getByText('尺码/规格不合适', { exact: true })).click();
  await visible(customer.locator('.as-apply__note textarea')).fill('买大了一码，吊牌还在');

  const chooser = customer.waitForEvent('filechooser');
  await visible(customer.locator('.as-photos__add')).click();
  const photo = await QRCode.toBuffer('售后照片', { type: 'png', width: 240 });
  await (await chooser).setFiles({ name: 'photo.png', mimeType: 'image/png', buffer: photo });
  await visible(customer.locator('.as-photos__item')).waitFor();
  await customer.waitForFunction(() => document.querySelectorAll('.as-photos__veil').length === 0);
  await both(customer, 'apply-bottom');
  await customer.evaluate(() => window.scrollTo(0, 0));
  await both(customer, 'apply-top');

  await visible(customer.locator('.as-apply__submit')).click();
  await visible(customer.locator('.as-detail__status').getByText('待审核')).waitFor();
  await visible(customer.locator('.as-detail__photo')).waitFor();
  afterSaleId = Number(new URL(customer.url().replace('#', '')).searchParams.get('id'));
  expect(afterSaleId).toBeGreaterThan(0);
  await both(customer, 'detail-requested');

  await customer.goto(`${stack.appUrl}/#/pages/after-sale/index`);
  const card = visible(customer.locator('.as-card'));
  await card.getByText('待审核').waitFor();
  await card.getByText('退货退款').waitFor();
  await both(customer, 'list');
});

test('the store manager approves it and confirms the goods are back; the customer reads 退款成功', async () => {
  const manager = await signedIn('demo-manager-1');
  await manager.goto(`${stack.appUrl}/#/pages/staff/after-sale`);
  await visible(manager.locator('.staff-tabs__item').getByText('退换货')).click();
  const card = visible(manager.locator('.return-card'));
  await card.getByText('待审核').waitFor();
  await visible(card.locator('.return-card__photo')).waitFor();
  await both(manager, 'staff-requested');

  const stockBefore = (
    await stack.deps.db
      .select()
      .from(inventory)
      .where(and(eq(inventory.skuId, skuId), eq(inventory.storeId, storeId)))
  )[0];
  await card.getByText('同意', { exact: true }).click();
  await confirmModal(manager, '同意申请');
  await visible(manager.locator('.return-card').getByText('确认收货', { exact: true })).click();
  await confirmModal(manager, '确认收货');
  await eventually(async () => {
    const [row] = await stack.deps.db
      .select()
      .from(inventory)
      .where(and(eq(inventory.skuId, skuId), eq(inventory.storeId, storeId)));
    expect(row.onHand - stockBefore.onHand).toBe(1);
  });
  await visible(manager.getByText('暂无待处理的退换货')).waitFor();
  await both(manager, 'staff-done');

  await eventually(async () => {
    await customer.goto(`${stack.appUrl}/#/pages/after-sale/detail?id=${afterSaleId}`);
    await customer.reload();
    await visible(customer.locator('.as-detail__status').getByText('退款成功')).waitFor({ timeout: 3_000 });
  }, 60_000);
  await both(customer, 'detail-refunded');
});
