import type { Page } from 'playwright-core';
import { H5_DIST, launchBrowser, screenshot, serveStatic, type Browser, type StaticServer } from '../../src/e2e/harness';

// Runs against the built H5 app only; with no BFF running the pages show their error states.
jest.setTimeout(60_000);

let server: StaticServer;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  server = await serveStatic(H5_DIST);
  browser = await launchBrowser();
  page = await browser.context.newPage();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

// Taro's H5 tab bar is WeUI markup; exact text keeps 我的 from matching 我的订单.
const tab = (label: string) => page.locator('.weui-tabbar').getByText(label, { exact: true });

test('home page shows the search bar and the tab bar', async () => {
  await page.goto(`${server.url}/#/pages/index/index`);
  await tab('首页').waitFor({ state: 'visible' });
  await tab('我的').waitFor({ state: 'visible' });
  await page.getByText('搜索商品、品牌，支持拼音').waitFor({ state: 'visible' });
  // Let the feed settle (sections or the error state) before the picture.
  await page.locator('.state-view__spinner').waitFor({ state: 'detached' });
  await screenshot(page, 'home');
});

test('分类 tab opens the category page', async () => {
  await tab('分类').click();
  await page.waitForURL(/pages\/category\/index/);
  // Tab pages stay mounted while hidden, so only the visible result counts.
  await page.locator('.category:visible, .state-view:not(.state-view--loading):visible').first().waitFor();
  await screenshot(page, 'category');
});

test('我的 tab opens the member page', async () => {
  await tab('我的').click();
  await page.waitForURL(/pages\/me\/index/);
  await page.getByText('我的订单').waitFor({ state: 'visible' });
  await screenshot(page, 'me');
});

test('购物车 tab shows the empty cart', async () => {
  await tab('购物车').click();
  await page.getByText('去逛逛').waitFor({ state: 'visible' });
  await screenshot(page, 'cart');
});

test('去逛逛 leads back to the home tab', async () => {
  await page.getByText('去逛逛').click();
  await page.waitForURL(/pages\/index\/index/);
});
