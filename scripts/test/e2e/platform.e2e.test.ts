import { and, eq, gt } from 'drizzle-orm';
import { attributionVisits, inventory, members, products, skus } from '@shop/db';
import type { Page, Response } from 'playwright-core';
import { launchBrowser, screenshot, useDemoAccount, visible, type Browser } from '../../src/e2e/harness';
import { startStack, type Stack } from '../../src/e2e/stack';
import { eventually } from '../../../bff/test/support/eventually';

// Silent login on the real product (H5 build → BFF → MariaDB/Redis, the WeChat sandbox standing in
// for wx.login): a customer opening 我的, the cart or a shared link cold is signed in before the
// page asks for anything, and never sees a 登录 prompt flash or a request refused with 401.
jest.setTimeout(120_000);

let stack: Stack;
const browsers: Browser[] = [];

beforeAll(async () => {
  stack = await startStack('e2e_platform');
});
afterAll(async () => {
  for (const browser of browsers) await browser.close();
  await stack?.close();
});

/** The sign-in prompts of 我的 and the cart, and the dialog asking to sign in. */
const SIGNED_OUT_TEXTS = ['登录/注册', '微信一键登录', '登录后查看购物车', '请先登录'];

type Cold = { page: Page; statuses: { url: string; status: number }[]; seenSignedOut: () => Promise<string[]> };

/**
 * A first visit: a fresh browser (no session stored) signing in as `openid`, every BFF answer
 * recorded, and every sign-in prompt that is ever on screen noted from the first paint on.
 */
async function coldVisit(openid: string, width = 375): Promise<Cold> {
  const browser = await launchBrowser();
  browsers.push(browser);
  await useDemoAccount(browser.context, openid);
  await browser.context.addInitScript((texts: string[]) => {
    const seen = new Set<string>();
    (window as unknown as { __signedOutSeen: Set<string> }).__signedOutSeen = seen;
    const look = () => {
      const onScreen = document.body?.innerText ?? '';
      for (const text of texts) if (onScreen.includes(text)) seen.add(text);
    };
    new MutationObserver(look).observe(document, { subtree: true, childList: true, characterData: true });
  }, SIGNED_OUT_TEXTS);
  const page = await browser.context.newPage();
  await page.setViewportSize({ width, height: 700 });
  const statuses: Cold['statuses'] = [];
  page.on('response', (response: Response) => {
    if (response.url().startsWith(stack.apiBase)) statuses.push({ url: response.url(), status: response.status() });
  });
  const seenSignedOut = () => page.evaluate(() => [...(window as unknown as { __signedOutSeen: Set<string> }).__signedOutSeen]);
  return { page, statuses, seenSignedOut };
}

const memberOf = async (openid: string) => (await stack.deps.db.select().from(members).where(eq(members.openid, openid)))[0];

async function apiToken(openid: string): Promise<string> {
  const code = await stack.sandbox.loginCode(openid);
  const response = await fetch(`${stack.apiBase}/api/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ code }),
  });
  return ((await response.json()) as { token: string }).token;
}

function expectSignedInThroughout(visit: Cold) {
  expect(visit.statuses.filter((s) => s.status === 401)).toEqual([]);
  // One login for the whole visit, however many calls started while it ran.
  const logins = visit.statuses.filter((s) => s.url.endsWith('/api/auth/login'));
  expect(logins).toHaveLength(1);
}

test.each([375, 320])('我的 opened cold at %i px shows the member at once: no 登录 prompt, no 401', async (width) => {
  const openid = width === 375 ? 'demo-customer-2' : 'demo-customer-3';
  const member = await memberOf(openid);
  const visit = await coldVisit(openid, width);
  await visit.page.goto(`${stack.appUrl}/#/pages/me/index`);
  await visible(visit.page.locator('.me-profile__name').getByText(member.nickname!)).waitFor();
  await visible(visit.page.locator('.tier-badge')).waitFor();

  expect(await visit.seenSignedOut()).toEqual([]);
  expectSignedInThroughout(visit);
  expect(visit.statuses.some((s) => s.url.endsWith('/api/me') && s.status === 200)).toBe(true);
  await screenshot(visit.page, `platform-me-cold-${width}`);
});

test.each([375, 320])('the cart opened cold at %i px shows the lines: no 微信一键登录, no 401', async (width) => {
  const openid = width === 375 ? 'demo-customer-4' : 'demo-customer-5';
  // A SKU in stock at the default pickup store, so the cart shows it as a live line.
  const [line] = await stack.deps.db
    .select({ skuId: skus.id, name: products.title })
    .from(skus)
    .innerJoin(products, eq(products.id, skus.productId))
    .innerJoin(inventory, eq(inventory.skuId, skus.id))
    .where(and(eq(products.status, 'on_sale'), eq(inventory.storeId, 1), gt(inventory.onHand, 5)))
    .limit(1);
  const added = await fetch(`${stack.apiBase}/api/cart/items`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${await apiToken(openid)}` },
    body: JSON.stringify({ skuId: line.skuId, qty: 1 }),
  });
  expect(added.status).toBe(200);

  const visit = await coldVisit(openid, width);
  await visit.page.goto(`${stack.appUrl}/#/pages/cart/index`);
  await visible(visit.page.getByText(line.name)).waitFor();

  expect(await visit.seenSignedOut()).toEqual([]);
  expectSignedInThroughout(visit);
  await screenshot(visit.page, `platform-cart-cold-${width}`);
});

test('a newcomer opening a shared product link lands signed in, and the visit is credited to the sharer', async () => {
  const sharer = await memberOf('demo-customer-1');
  const [product] = await stack.deps.db.select({ id: products.id }).from(products).where(eq(products.status, 'on_sale')).limit(1);
  const openid = `e2e-newcomer-${process.pid}`;
  expect(await memberOf(openid)).toBeUndefined();

  const visit = await coldVisit(openid);
  await visit.page.goto(`${stack.appUrl}/#/pages/product/index?id=${product.id}&from=${sharer.id}`);
  await visible(visit.page.locator('.product-bar')).waitFor();

  // The login made the newcomer a member, and the visit waited for it, so it is theirs.
  const newcomer = await memberOf(openid);
  expect(newcomer).toBeDefined();
  await eventually(async () => {
    const visits = await stack.deps.db
      .select()
      .from(attributionVisits)
      .where(
        and(
          eq(attributionVisits.targetType, 'product'),
          eq(attributionVisits.targetId, product.id),
          eq(attributionVisits.sharerId, sharer.id),
        ),
      );
    expect(visits.map((v) => v.visitorMemberId)).toEqual([newcomer.id]);
  }, 10_000);
  expectSignedInThroughout(visit);
  expect(await visit.seenSignedOut()).toEqual([]);
});

test.each([375, 320])(
  'at %i px the pages that use personal data work on H5 without the WeChat privacy popup: the store list without distance, and 个人资料',
  async (width) => {
    const visit = await coldVisit('demo-customer-1', width);
    // Headless Chromium grants no geolocation: the list comes in its default order, saying why.
    await visit.page.goto(`${stack.appUrl}/#/pages/store-picker/index`);
    await visible(visit.page.locator('.location-notice__title').getByText('未获取到定位，按默认顺序展示')).waitFor();
    await visible(visit.page.locator('.store-picker__list')).waitFor();
    expect(await visit.page.locator('.privacy-popup').count()).toBe(0);
    await screenshot(visit.page, `platform-store-picker-${width}`);

    const member = await memberOf('demo-customer-1');
    await visit.page.goto(`${stack.appUrl}/#/pages/profile/index`);
    await visible(visit.page.locator('.profile-phone')).waitFor();
    await visit.page.waitForFunction(
      (name) => Array.from(document.querySelectorAll<HTMLInputElement>('.profile-nickname input')).some((input) => input.value === name),
      member.nickname,
    );
    expect(await visit.page.locator('.privacy-popup').count()).toBe(0);
    expectSignedInThroughout(visit);
    await screenshot(visit.page, `platform-profile-${width}`);
  },
);
