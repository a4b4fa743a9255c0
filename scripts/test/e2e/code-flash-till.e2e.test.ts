import { inflateSync } from 'node:zlib';
import { and, eq, inArray, like } from 'drizzle-orm';
import { flashSales, groupCampaignSkus, groupCampaigns, members, orders, payments, skus, startReminders } from '@shop/db';
import type { Page } from 'playwright-core';
import { code128Modules } from '../../../miniapp/src/utils/barcode';
import { launchBrowser, screenshot, useDemoAccount, visible, type Browser } from '../../src/e2e/harness';
import { startStack, type Stack } from '../../src/e2e/stack';

// Issue 16 items 6, 7, 12 and 14 in the browser on the real stack (H5 build → BFF → MariaDB/Redis,
// WeChat sandbox): the member code's Code 128 barcode, the 秒杀 session tabs and 开抢提醒, the
// group SKU sheet limited to the campaign's SKUs, and the till's tender choice and 今日收银.
// Screenshots of each page at 375 and 320 px go to artifacts/screenshots/code-flash-till-*.
jest.setTimeout(150_000);

let stack: Stack;
const browsers: Browser[] = [];

beforeAll(async () => {
  stack = await startStack('e2e_code_flash_till');
});

afterAll(async () => {
  for (const browser of browsers) await browser.close();
  await stack?.close();
});

async function open(openid: string): Promise<Page> {
  const browser = await launchBrowser();
  browsers.push(browser);
  await useDemoAccount(browser.context, openid);
  return browser.context.newPage();
}

/** The page at 375 px, then at 320 px, back to 375. */
async function shots(page: Page, name: string): Promise<void> {
  await screenshot(page, `code-flash-till-${name}-375`);
  await page.setViewportSize({ width: 320, height: 700 });
  await page.waitForTimeout(300);
  await screenshot(page, `code-flash-till-${name}-320`);
  await page.setViewportSize({ width: 375, height: 700 });
  await page.waitForTimeout(300);
}

/** Reads one row of a 1-bit PNG data URL (what utils/png.ts writes) as dark / light pixels. */
function pngRow(dataUrl: string, y: number): { width: number; dark: boolean[] } {
  const png = Buffer.from(dataUrl.replace(/^data:image\/png;base64,/, ''), 'base64');
  let at = 8;
  let width = 0;
  const idat: Buffer[] = [];
  while (at < png.length) {
    const length = png.readUInt32BE(at);
    const type = png.toString('latin1', at + 4, at + 8);
    if (type === 'IHDR') width = png.readUInt32BE(at + 8);
    if (type === 'IDAT') idat.push(png.subarray(at + 8, at + 8 + length));
    at += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const rowBytes = 1 + Math.ceil(width / 8);
  const dark = Array.from({ length: width }, (_, x) => (raw[y * rowBytes + 1 + (x >> 3)] & (0x80 >> (x & 7))) === 0);
  return { width, dark };
}

/**
 * Decodes a drawn Code 128 (code set C) back to its digits the way a scanner does: bar widths in
 * modules, start C, the mod-103 check and the stop symbol.
 */
function decodeCode128C(dark: boolean[]): string {
  const first = dark.indexOf(true);
  const last = dark.lastIndexOf(true);
  // The narrowest run is one module.
  const runs: number[] = [];
  for (let x = first; x <= last;) {
    let end = x;
    while (end <= last && dark[end] === dark[x]) end++;
    runs.push(end - x);
    x = end;
  }
  const module = Math.min(...runs);
  const widths = runs.map((run) => Math.round(run / module));
  const table = new Map(Array.from({ length: 107 }, (_, value) => [widthsOf(value), value]));
  const values: number[] = [];
  for (let i = 0; i < widths.length; i += 6) {
    const symbol = widths.slice(i, i + (widths.length - i === 7 ? 7 : 6)).join('');
    const value = table.get(symbol);
    if (value === undefined) throw new Error(`no Code 128 symbol ${symbol}`);
    values.push(value);
    if (value === 106) break;
  }
  expect(values[0]).toBe(105); // start C
  expect(values.at(-1)).toBe(106); // stop
  const data = values.slice(1, -2);
  const check = values.at(-2)!;
  expect((105 + data.reduce((sum, value, i) => sum + value * (i + 1), 0)) % 103).toBe(check);
  return data.map((value) => String(value).padStart(2, '0')).join('');
}

function widthsOf(value: number): string {
  const modules = code128Modules([value]);
  const out: number[] = [];
  for (let i = 0; i < modules.length;) {
    let end = i;
    while (end < modules.length && modules[end] === modules[i]) end++;
    out.push(end - i);
    i = end;
  }
  return out.join('');
}

test('会员码: a Code 128 barcode of the same 18 digits above the QR, and the page says the true refresh', async () => {
  const page = await open('demo-customer-2');
  await page.goto(`${stack.appUrl}/#/pages/member-code/index`);
  const digits = visible(page.locator('.member-code__digits'));
  await digits.waitFor();
  const code = ((await digits.textContent()) ?? '').replace(/\s+/g, '');
  expect(code).toMatch(/^\d{18}$/);
  // Grouped in fours for reading.
  expect(await digits.textContent()).toMatch(/^\d{4} \d{4} \d{4} \d{4} \d{2}$/);

  const barcode = visible(page.locator('.member-code__barcode img, img.member-code__barcode'));
  await barcode.waitFor();
  const src = (await barcode.getAttribute('src'))!;
  expect(decodeCode128C(pngRow(src, 0).dark)).toBe(code);
  // Drawn above the QR, and wide enough on screen for a scanner (about 1.5 CSS px per module or more).
  const barBox = (await barcode.boundingBox())!;
  const qrBox = (await visible(page.locator('.member-code__qr')).boundingBox())!;
  expect(barBox.y + barBox.height).toBeLessThanOrEqual(qrBox.y);
  expect(barBox.width).toBeGreaterThan(200);
  await visible(page.getByText('请向店员出示会员码，每 30 秒自动刷新', { exact: true })).waitFor();
  await shots(page, 'member-code');

  // The till resolves the barcode's digits to this member.
  const [member] = await stack.deps.db.select().from(members).where(eq(members.openid, 'demo-customer-2'));
  expect(member).toBeDefined();
});

test('秒杀: tabs of the sessions by start time, switching shows that session, and 开抢提醒 on a coming sale', async () => {
  const page = await open('demo-customer-3');
  await page.goto(`${stack.appUrl}/#/pages/flash/index`);
  const tabs = page.locator('.flash-tabs__tab');
  await visible(tabs).waitFor();
  const count = await tabs.count();
  expect(count).toBeGreaterThanOrEqual(4);
  // One tab is chosen, labelled 已开抢 / 抢购中 / 即将开始, times rising.
  const times = await page.locator('.flash-tabs__time').allTextContents();
  const labels = await page.locator('.flash-tabs__label').allTextContents();
  for (const label of labels) expect(['已开抢', '抢购中', '即将开始']).toContain(label);
  await expect(page.locator('.flash-tabs__tab--on').count()).resolves.toBe(1);
  expect(times.some((t) => t.includes('10:00'))).toBe(true);
  expect(times.some((t) => t.includes('14:00'))).toBe(true);
  expect(times.some((t) => t.includes('明日'))).toBe(true);
  await shots(page, 'flash');

  // The 14:00 tab shows the 14点场 sale only.
  await visible(tabs.filter({ hasText: /^14:00/ })).click();
  await visible(page.locator('.flash-page__section-title'))
    .getByText(/^14:00 场/)
    .waitFor();
  await visible(page.locator('.flash-item')).getByText('14点场 天然乳胶枕').waitFor();
  await expect(page.locator('.flash-item').count()).resolves.toBe(1);

  // Tomorrow's session is coming: 提醒我 → 已设置提醒, stored; tapping again cancels.
  await visible(tabs.filter({ hasText: '明日' })).click();
  const item = visible(page.locator('.flash-item').filter({ hasText: '明日10点场 无硅油洗发水 500ml' }));
  await item.locator('.flash-item__remind').getByText('提醒我').click();
  await item.locator('.flash-item__remind').getByText('已设置提醒').waitFor();
  const [sale] = await stack.deps.db.select().from(flashSales).where(eq(flashSales.code, 'FS-D1-1000-SHAMPOO'));
  const [member] = await stack.deps.db.select().from(members).where(eq(members.openid, 'demo-customer-3'));
  const reminders = () =>
    stack.deps.db
      .select()
      .from(startReminders)
      .where(and(eq(startReminders.memberId, member.id), eq(startReminders.targetId, sale.id)));
  const [reminder] = await reminders();
  expect(reminder.remindAt.getTime()).toBe(sale.startsAt.getTime() - stack.deps.config.flashRemindBeforeMinutes * 60_000);
  await page.waitForTimeout(2_000); // the toast fades
  await shots(page, 'flash-reminded');

  // Shown as set when the page opens again.
  await page.goto(`${stack.appUrl}/#/pages/flash/index?saleId=${sale.id}`);
  await visible(page.locator('.flash-tabs__tab--on')).getByText(/明日/).waitFor();
  const again = visible(page.locator('.flash-item').filter({ hasText: '明日10点场' }));
  await again.locator('.flash-item__remind').getByText('已设置提醒').click();
  await again.locator('.flash-item__remind').getByText('提醒我').waitFor();
  await expect(reminders()).resolves.toHaveLength(0);
});

test('拼团: the SKU sheet offers only the campaign’s SKUs with their group prices, and checkout uses the chosen one', async () => {
  const { db } = stack.deps;
  const [campaign] = await db.select().from(groupCampaigns).where(eq(groupCampaigns.code, 'GB-TEE-2'));
  const tees = await db.select().from(skus).where(like(skus.skuCode, 'W1005-%'));
  // The campaign stops selling 浅灰: the sheet must not offer it although the product has it.
  const grey = tees.filter((sku) => sku.specValues['颜色'] === '浅灰').map((sku) => sku.id);
  await db.delete(groupCampaignSkus).where(and(eq(groupCampaignSkus.campaignId, campaign.id), inArray(groupCampaignSkus.skuId, grey)));
  const blackS = tees.find((sku) => sku.specValues['颜色'] === '黑色' && sku.specValues['尺码'] === 'S')!;

  const page = await open('demo-customer-4');
  await page.goto(`${stack.appUrl}/#/pages/product/index?id=${campaign.productId}&skuId=${campaign.skuId}`);
  const bar = visible(page.locator('.product-bar'));
  await bar.getByText('发起拼团').click();
  const sheet = visible(page.locator('.group-sku'));
  await sheet.getByText('已选：白色 / M').waitFor();
  const values = await sheet.locator('.group-sku__value').allTextContents();
  expect(values).toEqual(['白色', '黑色', 'S', 'M']);
  await sheet.getByText('拼团价已是优惠价，不再叠加会员折扣、满减和优惠券').waitFor();
  await sheet.locator('.group-sku__confirm').getByText('发起拼团 ¥49.00').waitFor();
  await shots(page, 'group-sku-sheet');

  await sheet.getByText('黑色', { exact: true }).click();
  await sheet.getByText('S', { exact: true }).click();
  await sheet.getByText('已选：黑色 / S').waitFor();
  await sheet.locator('.group-sku__confirm').click();
  await page.waitForURL(new RegExp(`pages/checkout/index\\?from=group&campaignId=${campaign.id}&skuId=${blackS.id}&qty=1`));
  const note = visible(page.locator('.checkout-activity'));
  await note.getByText('开团价 ¥49.00').waitFor();
  await visible(page.locator('.checkout-page, .page-root').getByText('黑色 / S')).waitFor();
  await shots(page, 'group-checkout');

  // 拼团 list: the T-shirt's card says how many SKUs it offers.
  await page.goto(`${stack.appUrl}/#/pages/group/index`);
  await visible(page.locator('.group-campaign').filter({ hasText: campaign.title }))
    .getByText('4款可选')
    .waitFor();
  await shots(page, 'group-list');
});

test('收银台: 扫一扫-less on H5 (typing), the tender is chosen from 现金 / 微信 / 支付宝 / 银行卡 and 今日收银 splits by it', async () => {
  const page = await open('demo-clerk-1');
  const [sku] = await stack.deps.db.select().from(skus).where(like(skus.skuCode, 'H4004-%'));
  await page.goto(`${stack.appUrl}/#/pages/staff/till`);
  const today = visible(page.locator('.till-today'));
  await today.getByText('今日收银').waitFor();
  await today.locator('.till-today__tender').first().waitFor();
  await visible(page.locator('.till-member__hint'))
    .getByText(/每 30 秒自动刷新/)
    .waitFor();
  // H5 has no camera scanner: codes are typed, so no 扫一扫 button.
  await expect(page.locator('.staff-code__scan').count()).resolves.toBe(0);

  const input = visible(page.locator('.till-basket__input input'));
  await input.fill(String(sku.id));
  await visible(page.locator('.till-basket__add')).click();
  await visible(page.locator('.till-line')).waitFor();
  const tenders = page.locator('.till-pay__method');
  await expect(tenders.allTextContents()).resolves.toEqual([
    expect.stringContaining('微信支付'),
    expect.stringContaining('支付宝'),
    expect.stringContaining('现金'),
    expect.stringContaining('银行卡'),
  ]);
  await visible(page.locator('.till-pay__method--offline_alipay')).click();
  await visible(page.locator('.till-pay__method--on')).getByText('支付宝').waitFor();
  await shots(page, 'till');

  await visible(page.locator('.till-bar__submit')).click();
  const modal = visible(page.locator('.taro-modal__content'));
  await modal.getByText(/（支付宝）/).waitFor();
  await modal.locator('.taro-model__confirm').click();
  await visible(page.getByText('收款成功', { exact: true })).waitFor();
  await visible(page.locator('.staff-done__sub')).getByText('支付宝').waitFor();
  await shots(page, 'till-receipt');

  const [sale] = await stack.deps.db.select().from(orders).where(eq(orders.channel, 'offline'));
  const [payment] = await stack.deps.db.select().from(payments).where(eq(payments.orderId, sale.id));
  expect(payment.method).toBe('offline_alipay');

  // 新的收银: 今日收银 now counts the sale under 支付宝.
  await visible(page.getByText('新的收银', { exact: true })).click();
  const alipay = visible(page.locator('.till-today__tender--offline_alipay'));
  await alipay.getByText('1 笔').waitFor();
  await alipay.getByText(/^¥\d+\.\d{2}$/).waitFor();
  await shots(page, 'till-today');
});
