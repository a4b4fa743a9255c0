import type { Locator, Page } from 'playwright-core';
import { launchBrowser, screenshot, useDemoAccount, type Browser } from '../../src/e2e/harness';
import { startStack, type Stack } from '../../src/e2e/stack';

// The shopping path on the real product: H5 build → BFF → MariaDB/Redis, signing in through the
// WeChat sandbox. Headless Chromium grants no geolocation, so the store picker shows its fallback.
jest.setTimeout(120_000);

let stack: Stack;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  stack = await startStack('e2e_catalog');
  browser = await launchBrowser();
  await useDemoAccount(browser.context, 'demo-customer-1');
  page = await browser.context.newPage();
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

test('search "lyq" from the home search bar finds the 连衣裙', async () => {
  await page.goto(`${stack.appUrl}/#/pages/index/index`);
  await visible(page.locator('.home-flash__clock')).waitFor();
  await visible(page.locator('.product-card')).waitFor();
  await shot('catalog-home');

  await visible(page.locator('.home-search')).click();
  await page.waitForURL(/pages\/search\/index/);
  const input = visible(page.locator('.search-header__input input'));
  await input.waitFor();
  await text('热门搜索').waitFor();
  await shot('catalog-search-start');

  await input.fill('lyq');
  await input.press('Enter');
  await text('法式碎花连衣裙').waitFor();
  await expect(visible(page.locator('.search-results__count')).textContent()).resolves.toMatch(/共 \d+ 件商品/);
  await shot('catalog-search-results');
});

test('the product page shows price, activities and a SKU picker driven by the specs', async () => {
  await text('法式碎花连衣裙').click();
  await page.waitForURL(/pages\/product\/index\?id=\d+/);
  await visible(page.locator('.product-title__title')).getByText('法式碎花连衣裙').waitFor();
  await visible(page.locator('.product-title .price__list')).waitFor(); // 划线价
  await visible(page.locator('.product-activity').filter({ hasText: '直播价' })).waitFor();
  await shot('catalog-product');

  await visible(page.locator('.product-option')).click(); // 已选
  const sheet = visible(page.locator('.sku-sheet'));
  await sheet.getByText('碎花蓝', { exact: true }).click();
  await sheet.getByText('M', { exact: true }).click();
  await sheet.getByText('已选：碎花蓝 / M').waitFor();
  await shot('catalog-sku-picker');
  await sheet.locator('.bottom-sheet__close').click();
  await visible(page.locator('.product-option')).getByText('碎花蓝 / M，1件').waitFor();
});

test('the store picker falls back to the default order without location, and the choice sticks', async () => {
  await visible(page.locator('.product-option--store')).click();
  await page.waitForURL(/pages\/store-picker\/index/);
  await text('未获取到定位，按默认顺序展示').waitFor();
  await text('重新定位').waitFor();
  const stores = page.locator('.store-item:visible');
  await expect(stores.count()).resolves.toBe(3);
  // Opened for the chosen SKU, so every store says whether it has it.
  await expect(page.locator('.store-item:visible .store-item__stock').count()).resolves.toBe(3);
  await shot('catalog-store-picker');

  await stores.filter({ hasText: '悦享生活 湖滨店' }).click();
  await page.waitForURL(/pages\/product\/index/);
  await visible(page.locator('.product-option__store-name')).getByText('悦享生活 湖滨店').waitFor();
  await shot('catalog-store-chosen');
});

test('加入购物车 puts the SKU in the server cart and the 购物车 tab shows the line', async () => {
  await visible(page.locator('.product-bar__button--cart')).click();
  await text('已加入购物车').waitFor();
  await visible(page.locator('.product-bar__badge')).getByText('1', { exact: true }).waitFor();
  await shot('catalog-added-to-cart');

  await visible(page.locator('.product-bar__icon').filter({ hasText: '购物车' })).click();
  await page.waitForURL(/pages\/cart\/index/);
  const line = visible(page.locator('.cart-line').filter({ hasText: '法式碎花连衣裙' }));
  await line.getByText('碎花蓝 / M').waitFor();
  await visible(page.locator('.cart-store__name')).getByText('悦享生活 湖滨店').waitFor();
  await visible(page.locator('.cart-bar'))
    .getByText(/去结算/)
    .waitFor();
  await visible(page.locator('.cart-bar__total')).getByText('259', { exact: true }).waitFor();
  await shot('catalog-cart');
});

test("分类 lists a sub-category's products in place, and a search with no match says so", async () => {
  await visible(page.locator('.weui-tabbar').getByText('分类', { exact: true })).click();
  await page.waitForURL(/pages\/category\/index/);
  await visible(page.locator('.category-chips__chip').filter({ hasText: '连衣裙' })).waitFor();
  await shot('catalog-category');

  await visible(page.locator('.category-chips__chip').filter({ hasText: '连衣裙' })).click();
  await visible(page.locator('.category-row__title').filter({ hasText: '法式碎花连衣裙' })).waitFor();
  await shot('catalog-category-list');

  await page.goto(`${stack.appUrl}/#/pages/search/index?q=${encodeURIComponent('不存在的商品xyz')}`);
  await text('没有找到相关商品，换个词试试').waitFor();
  await shot('catalog-search-empty');
});
