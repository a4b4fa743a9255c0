import { eq } from 'drizzle-orm';
import { members } from '@shop/db';
import type { Page } from 'playwright-core';
import { launchBrowser, screenshot, useDemoAccount, type Browser } from '../../src/e2e/harness';
import { startStack, type Stack } from '../../src/e2e/stack';

// The real product in a browser: H5 build → BFF → MariaDB/Redis, logging in through the WeChat sandbox.
jest.setTimeout(90_000);

let stack: Stack;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  stack = await startStack('e2e_member');
  browser = await launchBrowser();
  await useDemoAccount(browser.context, 'demo-customer-2');
  page = await browser.context.newPage();
});

afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

async function apiLogin(openid: string): Promise<string> {
  const code = await stack.sandbox.loginCode(openid);
  const response = await fetch(`${stack.apiBase}/api/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ code }),
  });
  return ((await response.json()) as { token: string }).token;
}

test('a demo customer opening 我的 is signed in on launch and sees tier, points and progress', async () => {
  const [member] = await stack.deps.db.select().from(members).where(eq(members.openid, 'demo-customer-2'));
  await page.goto(`${stack.appUrl}/#/pages/me/index`);
  await page.locator('.tier-badge').getByText('白银会员').waitFor();
  await page.locator('.me-points').getByText(String(member.pointsBalance), { exact: true }).waitFor();
  await page.getByText(member.nickname).first().waitFor();
  await screenshot(page, 'me-logged-in');
});

test('the member code shows 18 digits that staff resolve to this member at the till', async () => {
  await page.getByText('会员码').first().click();
  const digits = page.locator('.member-code__digits');
  await digits.waitFor();
  const code = ((await digits.textContent()) ?? '').replace(/\s+/g, '');
  expect(code).toMatch(/^\d{18}$/);
  await screenshot(page, 'member-code');

  const clerkToken = await apiLogin('demo-clerk-1');
  const response = await fetch(`${stack.apiBase}/api/staff/members/resolve`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${clerkToken}` },
    body: JSON.stringify({ code }),
  });
  expect(response.status).toBe(200);
  const [member] = await stack.deps.db.select().from(members).where(eq(members.openid, 'demo-customer-2'));
  expect(await response.json()).toMatchObject({ id: member.id, tier: { name: '白银会员' } });
});
