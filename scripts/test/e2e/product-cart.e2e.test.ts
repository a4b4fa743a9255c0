import { and, eq, gt, sql } from 'drizzle-orm';
import { cartItems, favorites, inventory, members, products, skus, userCoupons } from '@shop/db';
import type { Locator, Page } from 'playwright-core';
import { launchBrowser, settledScreenshot, useDemoAccount, visible, type Browser } from '../../src/e2e/harness';
import { startStack, type Stack } from '../../src/e2e/stack';
import { eventually } from '../../../bff/test/support/eventually';

// 商品详情 (收藏, 领券, 分享, 客服, 评价), the tab-bar 购物车 badge, the cart's 管理 mode and 失效商品
// group, and 我的收藏, on the H5 build against the real BFF. Screenshots at 375 and 320 px.
jest.setTimeout(180_000);

const OPENID = 'demo-customer-2';
let stack: Stack;
let browser: Browser;
let page: Page;
let memberId: number;
let product: { id: number; title: string };
let skuId: number;

beforeAll(async () => {
  stack = await startStack('e2e_product_cart');
  browser = await launchBrowser();
  await useDemoAccount(browser.context, OPENID);
  page = await browser.context.newPage();
  [{ id: memberId }] = await stack.deps.db.select({ id: members.id }).from(members).where(eq(members.openid, OPENID));
  // 法式碎花连衣裙: on sale, in 女装, covered by several 领券中心 coupons, stocked at store 1.
  [product] = await stack.deps.db
    .select({ id: products.id, title: products.title })
    .from(products)
    .where(eq(products.title, '法式碎花连衣裙'));
  [{ skuId }] = await stack.deps.db
    .select({ skuId: inventory.skuId })
    .from(inventory)
    .innerJoin(skus, eq(skus.id, inventory.skuId))
    .where(and(eq(skus.productId, product.id), gt(inventory.onHand, 10)))
    .limit(1);
});

afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

/** Polls until `read()` matches: what the page shows or MariaDB holds lands a moment after a tap. */
async function until<T>(read: () => Promise<T>, check: (value: T) => void, timeoutMs = 10_000): Promise<void> {
  await eventually(async () => check(await read()), timeoutMs);
}

const text = (value: string) => visible(page.getByText(value, { exact: true }));

/** The window at 375 px, then at 320 px (the narrowest phone), back at 375. */
async function shots(name: string): Promise<void> {
  await settledScreenshot(page, `product-cart-${name}-375`);
  await page.setViewportSize({ width: 320, height: 700 });
  await settledScreenshot(page, `product-cart-${name}-320`);
  await page.setViewportSize({ width: 375, height: 700 });
}

async function confirmModal(title: string): Promise<void> {
  const modal = visible(page.locator('.taro-modal__content'));
  await modal.locator('.taro-modal__title').getByText(title).waitFor();
  await modal.locator('.taro-model__confirm').click();
}

/** Pieces in the member's cart, straight from MariaDB. */
async function piecesInCart(): Promise<number> {
  const [{ n }] = await stack.deps.db
    .select({ n: sql<number>`COALESCE(SUM(${cartItems.qty}), 0)` })
    .from(cartItems)
    .where(eq(cartItems.memberId, memberId));
  return Number(n);
}

/** The H5 tab bar's 购物车 badge ('' when there is none). */
async function tabBadge(): Promise<string> {
  const badge = page.locator('.weui-tabbar__item').filter({ hasText: '购物车' }).locator('.weui-badge');
  return (await badge.count()) === 0 || !(await badge.first().isVisible()) ? '' : ((await badge.first().textContent()) ?? '').trim();
}

async function expectBadge(count: number): Promise<void> {
  await until(tabBadge, (value) => expect(value).toBe(count > 0 ? String(count) : ''));
}

const withinBox = async (inner: Locator, outer: Locator) => {
  const [a, b] = await Promise.all([inner.boundingBox(), outer.boundingBox()]);
  if (!a || !b) throw new Error('element not laid out');
  return a.x >= b.x - 0.5 && a.x + a.width <= b.x + b.width + 0.5;
};

test('the product page: 分享 and 客服 sheets, the 商品评价 slot, and the skeleton gone', async () => {
  // Launch on the home tab (signing in), then open the product as a customer would.
  await page.goto(`${stack.appUrl}/#/pages/index/index`);
  await visible(page.locator('.weui-tabbar')).waitFor();
  await page.goto(`${stack.appUrl}/#/pages/product/index?id=${product.id}&skuId=${skuId}`);
  await visible(page.locator('.product-title__title').filter({ hasText: product.title })).waitFor();
  await expect(page.locator('.product-skeleton:visible').count()).resolves.toBe(0);
  await visible(page.locator('.product-share')).getByText('分享').waitFor();
  await visible(page.locator('.product-bar')).getByText('客服', { exact: true }).waitFor();
  await shots('product');

  await visible(page.locator('.product-reviews')).scrollIntoViewIfNeeded();
  await visible(page.locator('.product-reviews')).getByText('暂无评价').waitFor();
  await shots('product-reviews');
  await page.evaluate(() => window.scrollTo(0, 0));

  await visible(page.locator('.product-share')).click();
  const share = visible(page.locator('.product-share-sheet'));
  await share.getByText('复制链接', { exact: true }).waitFor();
  // The link opens this product, with the sharer tagged for attribution.
  await expect(share.locator('.product-share-sheet__link').textContent()).resolves.toMatch(
    new RegExp(`#/pages/product/index\\?id=${product.id}&from=${memberId}$`),
  );
  await shots('share-sheet');
  await share.locator('.bottom-sheet__close').click();

  await visible(page.locator('.product-bar__icon').filter({ hasText: '客服' })).click();
  const contact = visible(page.locator('.product-contact-sheet'));
  await contact.getByText(/^拨打 \d/).waitFor();
  await shots('contact-sheet');
  await contact.locator('.bottom-sheet__close').click();
});

test('收藏 toggles on the product page and the product shows in 我的收藏', async () => {
  const star = visible(page.locator('.product-bar__icon').filter({ hasText: /收藏/ }));
  await star.getByText('收藏', { exact: true }).click();
  await star.getByText('已收藏', { exact: true }).waitFor();
  await shots('product-favorited');
  const rows = () => stack.deps.db.select().from(favorites).where(eq(favorites.memberId, memberId));
  await until(
    async () => (await rows()).map((r) => r.productId),
    (value) => expect(value).toEqual([product.id]),
  );

  // Off and on again: still one row.
  await star.getByText('已收藏', { exact: true }).click();
  await star.getByText('收藏', { exact: true }).waitFor();
  await until(
    async () => (await rows()).length,
    (value) => expect(value).toBe(0),
  );
  await star.getByText('收藏', { exact: true }).click();
  await star.getByText('已收藏', { exact: true }).waitFor();
  await until(
    async () => (await rows()).length,
    (value) => expect(value).toBe(1),
  );

  // A second favorite, taken off sale: 我的收藏 keeps it as 已下架.
  const [other] = await stack.deps.db
    .select({ id: products.id, title: products.title })
    .from(products)
    .where(and(eq(products.status, 'on_sale'), sql`${products.id} <> ${product.id}`))
    .limit(1);
  await stack.deps.db.insert(favorites).values({ memberId, productId: other.id });
  await stack.deps.db.update(products).set({ status: 'off_shelf' }).where(eq(products.id, other.id));
  try {
    await page.goto(`${stack.appUrl}/#/pages/me/index`);
    await visible(page.locator('.me-entry').filter({ hasText: '我的收藏' })).click();
    await page.waitForURL(/pages\/favorites\/index/);
    const list = visible(page.locator('.favorites__list'));
    await list.locator('.favorite-row').filter({ hasText: product.title }).waitFor();
    const off = list.locator('.favorite-row').filter({ hasText: other.title });
    await off.getByText('已下架', { exact: true }).waitFor();
    // Newest first: the one just added leads.
    await expect(list.locator('.favorite-row').first().textContent()).resolves.toContain(other.title);
    await shots('favorites');

    await off.getByText('取消收藏').click();
    await text('已取消收藏').waitFor();
    await until(
      async () => (await rows()).map((r) => r.productId),
      (value) => expect(value).toEqual([product.id]),
    );
  } finally {
    await stack.deps.db.update(products).set({ status: 'on_sale' }).where(eq(products.id, other.id));
  }
});

test('the 领券 row opens a sheet whose 立即领取 claims the coupon and then says 已领取', async () => {
  await page.goto(`${stack.appUrl}/#/pages/product/index?id=${product.id}&skuId=${skuId}`);
  await visible(page.locator('.product-coupons')).click();
  const sheet = visible(page.locator('.product-coupon-sheet'));
  const ticket = sheet.locator('.coupon-ticket-card').filter({ hasText: '立即领取' }).first();
  await ticket.waitFor();
  await shots('coupon-sheet');

  const name = ((await ticket.locator('.coupon-ticket-card__name').first().textContent()) ?? '').trim();
  const held = async () => (await stack.deps.db.select().from(userCoupons).where(eq(userCoupons.memberId, memberId))).length;
  const before = await held();
  await ticket.getByText('立即领取').click();
  await text('领取成功').waitFor();
  await until(held, (value) => expect(value).toBe(before + 1));
  const claimed = sheet.locator('.coupon-ticket-card').filter({ hasText: name }).first();
  await until(
    async () => (await claimed.textContent()) ?? '',
    (value) => expect(value).toMatch(/已领取|再领一张/),
  );
  await shots('coupon-sheet-claimed');
  await sheet.locator('.bottom-sheet__close').click();
});

test('the tab-bar badge counts the pieces in the cart after adding and removing', async () => {
  await visible(page.locator('.product-bar__button--cart')).click();
  await text('已加入购物车').waitFor();
  await until(piecesInCart, (value) => expect(value).toBe(1));
  await visible(page.locator('.product-bar__badge')).getByText('1', { exact: true }).waitFor();

  // Two more lines (one of them off sale: 失效) straight into the cart, then the 购物车 tab.
  const extra = await stack.deps.db
    .select({ skuId: inventory.skuId, productId: skus.productId })
    .from(inventory)
    .innerJoin(skus, eq(skus.id, inventory.skuId))
    .innerJoin(products, eq(products.id, skus.productId))
    .where(and(eq(inventory.storeId, 1), gt(inventory.onHand, 10), eq(products.status, 'on_sale'), sql`${products.id} <> ${product.id}`))
    .groupBy(inventory.skuId, skus.productId)
    .limit(20);
  const [second] = extra;
  const gone = extra.find((row) => row.productId !== second.productId)!;
  await stack.deps.db.insert(cartItems).values([
    { memberId, skuId: second.skuId, qty: 2, selected: true },
    { memberId, skuId: gone.skuId, qty: 1, selected: true },
  ]);
  await stack.deps.db.update(products).set({ status: 'off_shelf' }).where(eq(products.id, gone.productId));

  await visible(page.locator('.product-bar__icon').filter({ hasText: '购物车' })).click();
  await page.waitForURL(/pages\/cart\/index/);
  await visible(page.locator('.cart-group--gone')).getByText('失效商品 1 件').waitFor();
  await until(piecesInCart, (value) => expect(value).toBe(4));
  await expectBadge(4);
  await shots('cart');

  // 320 px: nothing wider than the window, and every stepper inside its card.
  await page.setViewportSize({ width: 320, height: 700 });
  await page.waitForTimeout(300);
  const overflow = await page.evaluate(() => {
    const root = document.scrollingElement ?? document.documentElement;
    return { scroll: root.scrollWidth, client: root.clientWidth };
  });
  expect(overflow.scroll).toBeLessThanOrEqual(overflow.client);
  const lines = page.locator('.cart-group:not(.cart-group--gone) .cart-line:visible');
  const n = await lines.count();
  expect(n).toBeGreaterThanOrEqual(2);
  for (let i = 0; i < n; i++) {
    const line = lines.nth(i);
    await expect(
      withinBox(line.locator('.qty-stepper'), line.locator('xpath=ancestor::*[contains(@class,"cart-group")][1]')),
    ).resolves.toBe(true);
    // The + and the price do not overlap.
    const [plus, price] = await Promise.all([
      line.locator('.qty-stepper__button--plus').boundingBox(),
      line.locator('.cart-line__price').boundingBox(),
    ]);
    expect(plus && price && price.x + price.width <= plus.x + 0.5).toBe(true);
  }
  await page.setViewportSize({ width: 375, height: 700 });

  // 清空失效商品 removes the off-sale line; the badge follows.
  await visible(page.locator('.cart-group__clear')).click();
  await confirmModal('删除商品');
  await until(
    () => page.locator('.cart-group--gone:visible').count(),
    (value) => expect(value).toBe(0),
  );
  await until(piecesInCart, (value) => expect(value).toBe(3));
  await expectBadge(3);
  await stack.deps.db.update(products).set({ status: 'on_sale' }).where(eq(products.id, gone.productId));
});

test('管理 mode picks lines and deletes them after a confirm', async () => {
  await visible(page.locator('.cart-head__manage')).getByText('管理').click();
  await visible(page.locator('.cart-bar--manage')).getByText('选择要删除的商品').waitFor();
  await shots('cart-manage');

  const first = visible(page.locator('.cart-line').filter({ hasText: product.title }));
  await first.locator('.check-circle__hit').click();
  await visible(page.locator('.cart-bar--manage')).getByText('已选 1 种').waitFor();
  await shots('cart-manage-picked');
  await visible(page.locator('.cart-bar__delete')).click();
  await confirmModal('删除商品');
  await until(piecesInCart, (value) => expect(value).toBe(2));
  await until(
    () => page.locator('.cart-line:visible').filter({ hasText: product.title }).count(),
    (value) => expect(value).toBe(0),
  );
  await expectBadge(2);

  // 全选 then 删除 empties the cart; the badge goes, the page leaves 管理 mode.
  await visible(page.locator('.cart-bar--manage .cart-bar__all')).click();
  await visible(page.locator('.cart-bar__delete')).click();
  await confirmModal('删除商品');
  await text('购物车还是空的').waitFor();
  await until(piecesInCart, (value) => expect(value).toBe(0));
  await expectBadge(0);
});
