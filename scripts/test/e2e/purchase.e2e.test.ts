import { and, eq } from 'drizzle-orm';
import { inventory, members, orderLines, orders } from '@shop/db';
import type { Locator, Page } from 'playwright-core';
import { launchBrowser, screenshot, useDemoAccount, type Browser } from '../../src/e2e/harness';
import { plainSkuInStockEverywhere } from '../../src/e2e/fixtures';
import { startStack, type Stack } from '../../src/e2e/stack';

// The purchase path on the real product: product → cart → 确认订单 → order → WeChat Pay (the
// sandbox confirms the payment and notifies the BFF) → the order page learns it from the BFF.
jest.setTimeout(150_000);

let stack: Stack;
let browser: Browser;
let page: Page;

/** A product on sale, in no activity, with a SKU every store can sell at least 3 of. */
let target: { productId: number; title: string; skuId: number; specValues: Record<string, string> };

beforeAll(async () => {
  stack = await startStack('e2e_purchase');
  browser = await launchBrowser();
  await useDemoAccount(browser.context, 'demo-customer-1');
  page = await browser.context.newPage();

  target = await plainSkuInStockEverywhere(stack.deps.db, 3);
});

afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

// Pages stay mounted (hidden) under the one on top, so every lookup keeps to what is visible.
const visible = (locator: Locator) => locator.locator('visible=true').first();
const text = (value: string) => visible(page.getByText(value, { exact: true }));

/** A screenshot once the page transition (and any other finite animation) has finished. */
async function shot(name: string): Promise<void> {
  await page.waitForFunction(() =>
    document
      .getAnimations()
      .every((animation) => animation.playState !== 'running' || animation.effect?.getTiming().iterations === Infinity),
  );
  await screenshot(page, name);
}

let orderId: number;

test('a SKU goes into the cart and 去结算 opens 确认订单 with the price breakdown', async () => {
  await page.goto(`${stack.appUrl}/#/pages/product/index?id=${target.productId}`);
  await visible(page.locator('.product-title__title')).getByText(target.title).waitFor();
  await shot('purchase-product');

  await visible(page.locator('.product-option')).click(); // 已选
  const sheet = visible(page.locator('.sku-sheet'));
  for (const value of Object.values(target.specValues)) {
    await sheet.getByText(value, { exact: true }).click();
  }
  await sheet.getByText(`已选：${Object.values(target.specValues).join(' / ')}`).waitFor();
  await sheet.locator('.bottom-sheet__close').click();
  await visible(page.locator('.product-bar__button--cart')).click();
  await text('已加入购物车').waitFor();

  await visible(page.locator('.product-bar__icon').filter({ hasText: '购物车' })).click();
  await page.waitForURL(/pages\/cart\/index/);
  await visible(page.locator('.cart-line').filter({ hasText: target.title })).waitFor();
  await shot('purchase-cart');

  await visible(page.locator('.cart-bar__checkout')).click();
  await page.waitForURL(/pages\/checkout\/index\?from=cart/);
  await visible(page.locator('.goods-line').filter({ hasText: target.title })).waitFor();
  await visible(page.locator('.checkout-store__stock')).getByText('有货').waitFor();
  const breakdown = visible(page.locator('.checkout-price'));
  await breakdown.getByText('商品金额').waitFor();
  await breakdown.getByText('实付款').waitFor();
  // demo-customer-1 is a member: the tier discount is one of the adjustment rows.
  await expect(breakdown.locator('.checkout-price__row').count()).resolves.toBeGreaterThan(1);
  await shot('purchase-checkout');

  await visible(page.locator('.checkout-row').filter({ hasText: '优惠券' })).click();
  await visible(page.locator('.coupon-sheet')).getByText('不使用优惠券').waitFor();
  await shot('purchase-coupons');
  await visible(page.locator('.coupon-sheet .bottom-sheet__close')).click();
});

test('提交订单 pays through the sandbox and the order page shows 备货中 once the BFF confirms', async () => {
  const shownTotal = await visible(page.locator('.checkout-price__total-amount')).textContent();
  await visible(page.locator('.checkout-row__input input')).fill('下午三点到店');
  await visible(page.locator('.checkout-bar__submit')).click();
  // H5 stands in for WeChat's pay sheet with a confirm button that asks the sandbox to pay.
  await visible(page.getByText('确认支付', { exact: true })).click();

  await page.waitForURL(/pages\/order\/index\?id=\d+/);
  orderId = Number(/id=(\d+)/.exec(page.url())![1]);
  await visible(page.locator('.order-status__title')).getByText('门店备货中').waitFor({ timeout: 30_000 });
  await visible(page.locator('.order-timeline')).getByText('已付款', { exact: true }).waitFor();
  await visible(page.locator('.order-price__total-amount')).getByText(shownTotal!).waitFor();
  await text('下午三点到店').waitFor();
  await shot('purchase-order-paid');

  const { db } = stack.deps;
  const [member] = await db.select().from(members).where(eq(members.openid, 'demo-customer-1'));
  const [order] = await db.select().from(orders).where(eq(orders.id, orderId));
  expect(order.memberId).toBe(member.id);
  expect(order.status).toBe('preparing');
  expect(order.paidFen).toBe(order.payableFen);
  expect(`¥${(order.payableFen / 100).toFixed(2)}`).toBe(shownTotal);
  const lines = await db.select().from(orderLines).where(eq(orderLines.orderId, orderId));
  expect(lines.map((line) => [line.skuId, line.qty])).toEqual([[target.skuId, 1]]);
  // One unit is held at the pickup store until it is picked up.
  const [held] = await db
    .select()
    .from(inventory)
    .where(and(eq(inventory.skuId, target.skuId), eq(inventory.storeId, order.storeId)));
  expect(held.reserved).toBeGreaterThanOrEqual(1);
});

test('我的订单 lists the order under 备货中, and a refund of an unprepared order goes through at once', async () => {
  await page.goto(`${stack.appUrl}/#/pages/orders/index?status=preparing`);
  const card = visible(page.locator('.order-card-item').filter({ hasText: target.title }));
  await card.waitFor();
  await card.getByText('备货中').waitFor();
  await shot('purchase-orders');

  await card.getByText('查看详情').click();
  await page.waitForURL(new RegExp(`pages/order/index\\?id=${orderId}`));
  await visible(page.locator('.order-bar').getByText('申请退款')).click();
  const sheet = visible(page.locator('.refund-sheet'));
  await sheet.getByText('拍错了', { exact: true }).click();
  await shot('purchase-refund-sheet');
  await sheet.getByText('提交申请').click();
  await text('退款已提交，款项将原路退回').waitFor();
  await visible(page.locator('.order-refund')).waitFor();
  await shot('purchase-refunded');
});
