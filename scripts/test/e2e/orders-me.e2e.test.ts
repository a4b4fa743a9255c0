import { and, eq } from 'drizzle-orm';
import { groupCampaigns, groups, members, orders, stores } from '@shop/db';
import type { Page } from 'playwright-core';
import { memberNumberOf } from '../../../bff/src/modules/member/member-number';
import { launchBrowser, screenshot, useDemoAccount, visible, type Browser } from '../../src/e2e/harness';
import { plainSkuInStockEverywhere } from '../../src/e2e/fixtures';
import { startStack, type Stack } from '../../src/e2e/stack';

// 提货人手机号 and 自提时间 at checkout, the order page's store actions and 再来一单, the orders tab
// bar at 320 px, and 我的 with its badges and 会员号 — on the H5 build against the real BFF.
jest.setTimeout(180_000);

let stack: Stack;
let browser: Browser;
let page: Page;
let memberId: number;
let target: { productId: number; title: string; skuId: number };

beforeAll(async () => {
  stack = await startStack('e2e_orders_me');
  browser = await launchBrowser();
  await useDemoAccount(browser.context, 'demo-customer-3');
  page = await browser.context.newPage();

  target = await plainSkuInStockEverywhere(stack.deps.db, 5);
});

afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

const text = (value: string) => visible(page.getByText(value, { exact: true }));
async function both(name: string, prepare?: () => Promise<void>) {
  await page.setViewportSize({ width: 375, height: 700 });
  await prepare?.();
  await screenshot(page, `orders-me-${name}-375`);
  await page.setViewportSize({ width: 320, height: 640 });
  await prepare?.();
  await screenshot(page, `orders-me-${name}-320`);
  await page.setViewportSize({ width: 375, height: 700 });
}
/** No toast on screen (Taro.showToast on H5), so screenshots show the page. */
async function noToast() {
  await page.waitForFunction(
    () => Array.from(document.querySelectorAll('.taro__toast')).every((toast) => getComputedStyle(toast).display === 'none'),
    undefined,
    { timeout: 10_000 },
  );
}

let orderId: number;
let slotText: string;

test('确认订单 takes the collector’s phone and a pickup slot, and the order page shows both', async () => {
  await page.goto(`${stack.appUrl}/#/pages/checkout/index?from=buy&skuId=${target.skuId}&qty=1`);
  await visible(page.locator('.goods-line').filter({ hasText: target.title })).waitFor();
  // demo-customer-3's own number is prefilled, masked; 修改 opens the field for another.
  const own = visible(page.locator('.checkout-phone-own__value'));
  await expect(own.textContent()).resolves.toMatch(/^1\d{2}\*{4}\d{4}$/);
  await both('checkout');

  await visible(page.locator('.checkout-phone-own__edit')).click();
  const phone = visible(page.locator('.checkout-phone input'));
  await phone.fill('1391234');
  await visible(page.locator('.checkout-bar__submit')).click();
  await text('请输入正确的手机号').waitFor();
  await phone.fill('13912345678');
  await visible(page.locator('.checkout-row').filter({ hasText: '自提时间' })).click();
  const sheet = visible(page.locator('.slot-sheet'));
  await sheet.locator('.slot-sheet__time--on').waitFor();
  await noToast();
  await both('checkout-slots');
  await sheet.getByText('明天', { exact: true }).click();
  const choice = sheet.locator('.slot-sheet__time').nth(1);
  slotText = (await choice.textContent())!.trim();
  expect(slotText).toMatch(/^\d\d:\d\d-\d\d:\d\d$/);
  await choice.click();
  await visible(page.locator('.checkout-slot')).getByText(`明天 ${slotText}`).waitFor();

  await visible(page.locator('.checkout-bar__submit')).click();
  await visible(page.getByText('确认支付', { exact: true })).click();
  await page.waitForURL(/pages\/order\/index\?id=\d+/);
  orderId = Number(/id=(\d+)/.exec(page.url())![1]);
  await visible(page.locator('.order-status__title')).getByText('门店备货中').waitFor({ timeout: 30_000 });
  const store = visible(page.locator('.order-store'));
  await store.getByText(`明天 ${slotText}`).waitFor();
  await store.getByText('13912345678').waitFor();
  await store.getByText('联系门店').waitFor();
  await store.getByText('导航到店').waitFor();

  const [order] = await stack.deps.db.select().from(orders).where(eq(orders.id, orderId));
  expect(order.pickupPhone).toBe('13912345678');
  const local = (at: Date) => new Date(at.getTime() + 8 * 3600_000).toISOString().slice(11, 16);
  expect(`${local(order.pickupSlotStart!)}-${local(order.pickupSlotEnd!)}`).toBe(slotText);
  await noToast();
  await both('order');
});

test('导航到店 on H5 offers 高德地图 or copying the address', async () => {
  await visible(page.locator('.order-store').getByText('导航到店')).click();
  await text('用高德地图导航').waitFor();
  await text('复制门店地址').waitFor();
  await text('取消').click();
});

test('再来一单 puts the order’s lines in the cart and opens it', async () => {
  await visible(page.locator('.order-bar').getByText('再来一单')).click();
  await page.waitForURL(/pages\/cart\/index/);
  await visible(page.locator('.cart-line').filter({ hasText: target.title })).waitFor();
});

test('the orders tab bar scrolls at 320 px: 退款 is reachable and stays in view when chosen', async () => {
  await page.setViewportSize({ width: 320, height: 640 });
  await page.goto(`${stack.appUrl}/#/pages/orders/index`);
  await visible(page.locator('.order-card-item')).waitFor();
  const bar = visible(page.locator('.orders-tabs__scroll'));
  const refund = visible(page.locator('.orders-tabs__item').filter({ hasText: '退款' }));
  const widths = await bar.evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
  expect(widths.scroll).toBeGreaterThan(widths.client);
  expect((await refund.boundingBox())!.x).toBeGreaterThan(320 - 20); // off screen before scrolling
  // The card shows the store and when it was ordered.
  const card = visible(page.locator('.order-card-item').filter({ hasText: target.title }));
  await card.locator('.order-card-item__store').waitFor();
  await card.getByText(/^下单 \d{4}-\d\d-\d\d \d\d:\d\d$/).waitFor();
  await card.getByText(`自提 明天 ${slotText}`).waitFor();
  await screenshot(page, 'orders-me-orders-320');

  await bar.evaluate((el) => el.scrollTo({ left: el.scrollWidth }));
  await page.waitForTimeout(400);
  await refund.click();
  await expect(refund.getAttribute('class')).resolves.toContain('orders-tabs__item--on');
  const box = (await refund.boundingBox())!;
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(320);
  await text('暂无相关订单').waitFor();
  await screenshot(page, 'orders-me-orders-refund-320');

  // Opened on a far tab, the bar scrolls it into view by itself.
  await page.setViewportSize({ width: 375, height: 700 });
  await page.goto(`${stack.appUrl}/#/pages/orders/index?status=refunded`);
  await page.reload();
  const chosen = visible(page.locator('.orders-tabs__item--on'));
  await chosen.getByText('退款').waitFor();
  await page.waitForTimeout(600);
  const shown = (await chosen.boundingBox())!;
  expect(shown.x + shown.width).toBeLessThanOrEqual(375);
  await page.goto(`${stack.appUrl}/#/pages/orders/index`);
  await visible(page.locator('.order-card-item')).waitFor();
  await screenshot(page, 'orders-me-orders-375');
});

test('我的 shows the 会员号 (never the id) and badges with the orders waiting in each shortcut', async () => {
  const { db } = stack.deps;
  const [member] = await db.select().from(members).where(eq(members.openid, 'demo-customer-3'));
  memberId = member.id;
  // Two unpaid orders and one ready for pickup besides the paid one placed above.
  for (const [i, status] of (['pending_payment', 'pending_payment', 'ready_for_pickup'] as const).entries()) {
    await db.insert(orders).values({
      orderNo: `E2EME${Date.now()}${i}`,
      memberId,
      storeId: 1,
      channel: 'online',
      fulfillment: 'pickup',
      status,
      itemsTotalFen: 1000,
      payableFen: 1000,
      paidFen: status === 'pending_payment' ? 0 : 1000,
      payDeadline: new Date(Date.now() + 15 * 60_000),
    });
  }
  const counts = await db.select({ status: orders.status }).from(orders).where(eq(orders.memberId, memberId));
  const pending = counts.filter((o) => o.status === 'pending_payment').length;
  const ready = counts.filter((o) => o.status === 'ready_for_pickup').length;

  await page.goto(`${stack.appUrl}/#/pages/me/index`);
  const memberNo = memberNumberOf(memberId);
  const shownNo = `会员号 ${memberNo.slice(0, 4)} ${memberNo.slice(4, 8)} ${memberNo.slice(8)}`;
  await visible(page.locator('.me-profile__no')).getByText(shownNo).waitFor();
  await expect(page.getByText(/会员 ?ID/).count()).resolves.toBe(0);
  const badge = (label: string) => visible(page.locator('.me-orders__item').filter({ hasText: label }).locator('.me-orders__badge'));
  await badge('待付款').getByText(String(pending), { exact: true }).waitFor();
  await badge('待自提').getByText(String(ready), { exact: true }).waitFor();
  await expect(page.locator('.me-orders__item').filter({ hasText: '已完成' }).locator('.me-orders__badge').count()).resolves.toBe(0);
  await visible(page.locator('.me-orders__item').filter({ hasText: '退款/售后' })).waitFor();
  await visible(page.locator('.me-entry').filter({ hasText: '我的拼团' })).waitFor();
  await visible(page.locator('.me-entry').filter({ hasText: '领券中心' })).waitFor();
  await both('me');

  await visible(page.locator('.me-profile')).click();
  await page.waitForURL(/pages\/profile\/index/);
  await visible(page.locator('.form-row').filter({ hasText: '会员号' }))
    .getByText(shownNo.slice(4))
    .waitFor();
  await expect(page.getByText(/会员 ?ID/).count()).resolves.toBe(0);
  await both('profile');
});

test('我的拼团 lists my group with its members, seats left and 邀请好友', async () => {
  // The customer opens a group through the BFF (the checkout path is the group e2e's) and pays in the sandbox.
  const login = await fetch(`${stack.apiBase}/api/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ code: await stack.sandbox.loginCode('demo-customer-3') }),
  });
  const auth = { Authorization: `Bearer ${((await login.json()) as { token: string }).token}`, 'Content-Type': 'application/json' };
  const [campaign] = await stack.deps.db
    .select()
    .from(groupCampaigns)
    .where(and(eq(groupCampaigns.status, 'active'), eq(groupCampaigns.newCustomersOnly, false)))
    .limit(1);
  const created = await fetch(`${stack.apiBase}/api/orders`, {
    method: 'POST',
    headers: { ...auth, 'Idempotency-Key': `e2e-orders-me-group-${Date.now()}` },
    body: JSON.stringify({
      items: [{ skuId: campaign.skuId, qty: 1 }],
      fulfillment: { type: 'pickup', storeId: 1 },
      activity: { type: 'group', campaignId: campaign.id },
    }),
  });
  expect(created.status).toBe(201);
  const { payment, order } = (await created.json()) as { payment: { package: string }; order: { group: { id: number } } };
  await fetch(`${stack.sandbox.url}/sandbox/pay/confirm`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ prepay_id: payment.package.replace('prepay_id=', '') }),
  });

  // The group opens once the BFF has the payment (the sandbox notifies it).
  for (let tries = 0; ; tries++) {
    const [group] = await stack.deps.db.select().from(groups).where(eq(groups.id, order.group.id));
    if (group.status === 'open') break;
    if (tries > 150) throw new Error(`group ${group.id} still ${group.status}`);
    await new Promise((wait) => setTimeout(wait, 200));
  }
  await page.goto(`${stack.appUrl}/#/pages/me/groups`);
  const card = visible(page.locator('.my-group').filter({ hasText: campaign.title }));
  await card.waitFor({ timeout: 30_000 });
  await card.getByText('我开的团').waitFor();
  await card.getByText('待成团').waitFor();
  await card.getByText('邀请好友').waitFor();
  await expect(card.locator('.my-group__seat--empty').count()).resolves.toBe(campaign.groupSize - 1);
  await both('my-groups');
});

test('会员码 names the 会员号 the till can look up', async () => {
  await page.goto(`${stack.appUrl}/#/pages/member-code/index`);
  const memberNo = memberNumberOf(memberId);
  await visible(page.locator('.member-summary__no'))
    .getByText(`会员号 ${memberNo.slice(0, 4)} ${memberNo.slice(4, 8)} ${memberNo.slice(8)}`)
    .waitFor();
  await visible(page.locator('.member-code__qr')).waitFor();
  await both('member-code');
});

test('备货队列 shows the clerk when the customer comes and who collects (phone masked)', async () => {
  const { db } = stack.deps;
  const [order] = await db.select().from(orders).where(eq(orders.id, orderId));
  const [store] = await db.select().from(stores).where(eq(stores.id, order.storeId));
  const clerkOpenid = { 'HZ-WS': 'demo-clerk-1', 'HZ-HB': 'demo-clerk-2', 'HZ-BJ': 'demo-clerk-3' }[store.code]!;
  const clerk = await launchBrowser();
  try {
    await useDemoAccount(clerk.context, clerkOpenid);
    const staffPage = await clerk.context.newPage();
    await staffPage.goto(`${stack.appUrl}/#/pages/staff/orders?tab=preparing`);
    const card = visible(staffPage.locator('.staff-queue-card').filter({ hasText: order.orderNo }));
    await card.waitFor({ timeout: 30_000 });
    await card.locator('.staff-order__pickup-slot').getByText(`预约 明天 ${slotText}`).waitFor();
    await card.locator('.staff-order__pickup-phone').getByText('提货人 139****5678').waitFor();
    await card.scrollIntoViewIfNeeded();
    await screenshot(staffPage, 'orders-me-staff-queue-375');
    await staffPage.setViewportSize({ width: 320, height: 640 });
    await card.scrollIntoViewIfNeeded();
    await screenshot(staffPage, 'orders-me-staff-queue-320');
  } finally {
    await clerk.close();
  }
});
