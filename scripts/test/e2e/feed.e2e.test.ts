import type { Page, Request } from 'playwright-core';
import { H5_DIST, launchBrowser, screenshot, serveStatic, useDemoAccount, type Browser, type StaticServer } from '../../src/e2e/harness';
import { API, stubBackend } from './fixtures';

// The H5 build against a stubbed BFF: sections appear from data and the 401 → login → retry path works.
jest.setTimeout(60_000);

let server: StaticServer;
let browser: Browser;
let page: Page;
const apiCalls: Request[] = [];

beforeAll(async () => {
  server = await serveStatic(H5_DIST);
  browser = await launchBrowser();
  await useDemoAccount(browser.context, 'demo-clerk-1');
  await stubBackend(browser.context);
  page = await browser.context.newPage();
  page.on('request', (request) => {
    if (request.url().startsWith(API)) apiCalls.push(request);
  });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const tab = (label: string) => page.locator('.weui-tabbar').getByText(label, { exact: true });

test('home renders every section from data', async () => {
  await page.goto(`${server.url}/#/pages/index/index`);
  for (const title of ['限时秒杀', '拼团', '直播', '热销商品']) {
    await page.getByText(title, { exact: true }).waitFor({ state: 'visible' });
  }
  await page.getByText('¥').first().waitFor();
  await screenshot(page, 'home-feed');
  await page.getByText('热销商品', { exact: true }).scrollIntoViewIfNeeded();
  await screenshot(page, 'home-feed-hot');
});

test('a home shortcut opens its category', async () => {
  await page.locator('.home-shortcuts__item', { hasText: '家居' }).click();
  await page.waitForURL(/pages\/category\/index/);
  await page.locator('.category-pane__name', { hasText: '毛巾浴巾' }).waitFor({ state: 'visible' });
  await screenshot(page, 'category-tree');
});

test('我的 signs in through the sandbox and shows the staff entry', async () => {
  await tab('我的').click();
  await page.getByText('林小满').waitFor({ state: 'visible' });
  await page.getByText('店员工作台').waitFor({ state: 'visible' });
  const meCalls = apiCalls.filter((request) => new URL(request.url()).pathname === '/api/me' && request.method() === 'GET');
  expect(meCalls.map((request) => request.headers().authorization ?? null)).toEqual([null, 'Bearer test-token']);
  await screenshot(page, 'me-staff');
});

test('an entry whose page is not built yet explains itself', async () => {
  await page.getByText('优惠券', { exact: true }).click();
  await page.getByText('该功能即将上线，敬请期待').waitFor({ state: 'visible' });
  expect(page.url()).toMatch(/pages\/me\/index/);
});
