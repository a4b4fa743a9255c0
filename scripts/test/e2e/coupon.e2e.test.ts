import { and, eq } from 'drizzle-orm';
import { couponTemplates, members, skus, userCoupons } from '@shop/db';
import type { Page } from 'playwright-core';
import { launchBrowser, settledScreenshot, useDemoAccount, visible, type Browser } from '../../src/e2e/harness';
import { plainSkuInStockEverywhere } from '../../src/e2e/fixtures';
import { startStack, type Stack } from '../../src/e2e/stack';

// Coupons in the browser, end to end on the real stack: (1) a customer claims a coupon in 领券中心,
// checkout applies it, WeChat Pay (the sandbox) pays, and 我的优惠券 lists it under 已使用;
// (2) a clerk mints a 扫码领券 QR, a second customer opens its link and gets the coupon, shows its
// rotating 券码 in 我的优惠券, and the clerk redeems that code on 核销优惠券: the coupon is 已核销.
// Screenshots of every coupon page at 375 px (the densest also at 320 px) go to artifacts/screenshots.
jest.setTimeout(300_000);

let stack: Stack;
const browsers: Browser[] = [];

/** A product on sale, in no activity, with a SKU every store can sell at least 3 of. */
let target: { productId: number; title: string; skuId: number };

beforeAll(async () => {
  stack = await startStack('e2e_coupon');
  target = await plainSkuInStockEverywhere(stack.deps.db, 3);
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

async function templateId(code: string): Promise<number> {
  const [row] = await stack.deps.db.select({ id: couponTemplates.id }).from(couponTemplates).where(eq(couponTemplates.code, code));
  if (!row) throw new Error(`the seed has no coupon template ${code}`);
  return row.id;
}

async function memberCoupons(openid: string, code: string) {
  const { db } = stack.deps;
  return db
    .select({ id: userCoupons.id, status: userCoupons.status })
    .from(userCoupons)
    .innerJoin(members, eq(members.id, userCoupons.memberId))
    .innerJoin(couponTemplates, eq(couponTemplates.id, userCoupons.templateId))
    .where(and(eq(members.openid, openid), eq(couponTemplates.code, code)));
}

/** Screenshots at 375 px and, for the densest pages, at 320 px too. */
async function shot(page: Page, name: string, narrow = false): Promise<void> {
  await settledScreenshot(page, name);
  if (!narrow) return;
  await page.setViewportSize({ width: 320, height: 700 });
  await settledScreenshot(page, `${name}-320`);
  await page.setViewportSize({ width: 375, height: 700 });
}

/** The confirm button of the H5 stand-in for wx.showModal. */
async function confirmModal(page: Page, title: string): Promise<void> {
  const modal = visible(page.locator('.taro-modal__content'));
  await modal.locator('.taro-modal__title').getByText(title).waitFor();
  await modal.locator('.taro-model__confirm').click();
}

/** Types into a Taro Input (H5 wraps a real <input>). */
async function typeInto(page: Page, selector: string, value: string): Promise<void> {
  const input = visible(page.locator(`${selector} input`));
  await input.fill('');
  await input.fill(value);
}

test('a coupon claimed in 领券中心 is applied at checkout, paid for, and then shows under 已使用', async () => {
  const customer = await open('demo-customer-1');
  const coupon = '10元无门槛券';

  // 领券中心 on a first visit: the app signed in on launch, so 立即领取 claims in place.
  await customer.goto(`${stack.appUrl}/#/pages/coupon-center/index`);
  const ticket = visible(customer.locator('.center-ticket').filter({ hasText: coupon }));
  await ticket.getByText('立即领取').waitFor();
  await shot(customer, 'coupon-center', true);
  await ticket.getByText('立即领取').click();
  await visible(customer.getByText('领取成功', { exact: true })).waitFor();
  // Two per customer: the ticket offers the second one.
  await ticket.getByText('再领一张').waitFor();
  expect(await memberCoupons('demo-customer-1', 'CTR-NT-10')).toHaveLength(1);
  // A coupon this order will not reach (满299) goes into the account too: the picker greys it.
  const dress = visible(customer.locator('.center-ticket').filter({ hasText: '连衣裙满299减50' }));
  await dress.getByText('立即领取').click();
  await dress.getByText('已领取').waitFor();
  await shot(customer, 'coupon-center-claimed');

  // The product page's 领券 row opens a sheet of the product's coupons, the one just claimed among them.
  await customer.goto(`${stack.appUrl}/#/pages/product/index?id=${target.productId}`);
  const row = visible(customer.locator('.product-coupons'));
  await row.getByText('领券').waitFor();
  await shot(customer, 'coupon-product-row');
  await row.click();
  const couponSheet = visible(customer.locator('.product-coupon-sheet'));
  await couponSheet.getByText('以下优惠券适用于本商品，领取后下单时自动可选').waitFor();
  await couponSheet.locator('.product-coupon-sheet__ticket').filter({ hasText: '连衣裙满299减50' }).getByText('已领取').waitFor();
  await shot(customer, 'coupon-product-sheet');

  // 确认订单: the best usable coupon is applied by itself; the picker shows each one's saving
  // and why the other cannot be used.
  await customer.goto(`${stack.appUrl}/#/pages/checkout/index?from=buy&skuId=${target.skuId}&qty=1`);
  const couponRow = visible(customer.locator('.checkout-row').filter({ hasText: '优惠券' }));
  await couponRow.locator('.checkout-row__value').getByText('-¥10.00').waitFor();
  const breakdown = visible(customer.locator('.checkout-price'));
  await breakdown.getByText('-¥10.00').first().waitFor();
  await shot(customer, 'coupon-checkout-applied');
  await couponRow.click();
  const sheet = visible(customer.locator('.coupon-sheet'));
  const option = sheet.locator('.coupon-ticket').filter({ hasText: coupon });
  await option.getByText('本单可省 ¥10.00').waitFor();
  await option.locator('.coupon-ticket__radio--on').waitFor();
  await sheet.locator('.coupon-ticket--off').filter({ hasText: '连衣裙满299减50' }).getByText('未满足使用门槛').waitFor();
  await shot(customer, 'coupon-checkout-sheet', true);
  // 不使用优惠券 prices it out; choosing the coupon again prices it back in.
  await sheet.getByText('不使用优惠券').click();
  await couponRow
    .locator('.checkout-row__value')
    .getByText(/张可用，未使用/)
    .waitFor();
  await couponRow.click();
  await visible(customer.locator('.coupon-sheet')).locator('.coupon-ticket').filter({ hasText: coupon }).click();
  await couponRow.locator('.checkout-row__value').getByText('-¥10.00').waitFor();

  await visible(customer.locator('.checkout-bar__submit')).click();
  await visible(customer.getByText('确认支付', { exact: true })).click();
  await customer.waitForURL(/pages\/order\/index\?id=\d+/);
  await visible(customer.locator('.order-status__title')).getByText('门店备货中').waitFor({ timeout: 30_000 });

  // 我的优惠券 › 已使用.
  await customer.goto(`${stack.appUrl}/#/pages/coupon-mine/index?tab=used`);
  const used = visible(customer.locator('.my-ticket').filter({ hasText: coupon }));
  await used.locator('.coupon-ticket-card__stamp').getByText('已使用').waitFor();
  await visible(customer.locator('.coupon-mine-tabs__item--on'))
    .getByText(/已使用\(1\)/)
    .waitFor();
  await shot(customer, 'coupon-mine-used');
  expect((await memberCoupons('demo-customer-1', 'CTR-NT-10')).map((c) => c.status)).toEqual(['used']);

  // 可使用: the coupon left, its 使用规则 open.
  await customer.goto(`${stack.appUrl}/#/pages/coupon-mine/index`);
  const left = visible(customer.locator('.my-ticket').filter({ hasText: '连衣裙满299减50' }));
  await left.getByText('去使用').waitFor();
  await left.locator('.my-ticket__rules-head').click();
  await left
    .locator('.my-ticket__rules-body')
    .getByText(/来源：领券中心/)
    .waitFor();
  await shot(customer, 'coupon-mine-available', true);

  // The ways in: 首页's 领券中心 band and 我的 › 优惠券.
  await customer.goto(`${stack.appUrl}/#/pages/index/index`);
  await visible(customer.locator('.home-coupons')).getByText('去领券').waitFor();
  await shot(customer, 'coupon-home-entry');
  await customer.goto(`${stack.appUrl}/#/pages/me/index`);
  await visible(customer.locator('.me-entry').filter({ hasText: '优惠券' })).click();
  await customer.waitForURL(/pages\/coupon-mine\/index/);

  // 积分兑换 with too few points: every 兑换 is disabled and says why.
  await customer.goto(`${stack.appUrl}/#/pages/points-exchange/index`);
  await visible(customer.locator('.points-exchange__balance')).getByText(/^\d+$/).waitFor();
  await visible(customer.getByText('积分不足', { exact: true })).waitFor();
  await shot(customer, 'coupon-points-exchange-poor');
});

test('a clerk mints a 扫码领券 QR, a customer claims it, shows the 券码 and the clerk redeems it at the store', async () => {
  const clerk = await open('demo-clerk-1');
  const customer = await open('demo-customer-2');
  const homeCoupon = await templateId('QR-HOME-159-20');

  // 店员工作台 has both coupon tiles.
  await clerk.goto(`${stack.appUrl}/#/pages/staff/index`);
  await visible(clerk.locator('.work-tile').filter({ hasText: '生成领券码' })).waitFor();
  await visible(clerk.locator('.work-tile').filter({ hasText: '核销优惠券' })).waitFor();
  await shot(clerk, 'coupon-staff-home');

  // 生成领券码: template, one hour, at most 50 people → the QR and its link.
  await clerk.goto(`${stack.appUrl}/#/pages/staff/coupon-tokens`);
  await visible(clerk.locator('.coupon-tokens__mint')).waitFor();
  await visible(clerk.getByText('还没有生成过领券码', { exact: true })).waitFor();
  await shot(clerk, 'coupon-staff-tokens-empty');
  await typeInto(clerk, '.coupon-tokens__template-input', String(homeCoupon));
  await visible(clerk.locator('.coupon-tokens__chip').filter({ hasText: '1 小时' })).click();
  await typeInto(clerk, '.coupon-tokens__max-input', '50');
  await visible(clerk.locator('.coupon-tokens__mint')).click();
  const qrCard = visible(clerk.locator('.coupon-tokens__qr-card'));
  await qrCard.getByText(/限 50 人领取/).waitFor();
  await visible(clerk.locator('.coupon-token').filter({ hasText: '家居满159减20' }))
    .getByText('进行中')
    .waitFor();
  await shot(clerk, 'coupon-staff-tokens', true);
  const link = (await qrCard.locator('.coupon-tokens__qr-link').textContent())!.trim();
  expect(link).toMatch(/#\/pages\/coupon-scan\/index\?t=\d+\.[A-Za-z0-9_-]{22}$/);

  // The customer opens the QR's link: the coupon is claimed on arrival.
  await customer.goto(link);
  await visible(customer.getByText('领取成功', { exact: true })).waitFor();
  await visible(customer.locator('.coupon-scan__result')).getByText('家居满159减20').waitFor();
  await shot(customer, 'coupon-scan-done');
  // The same code again is refused with the BFF's reason.
  await customer.reload();
  await visible(customer.getByText('领取失败', { exact: true })).waitFor();
  await shot(customer, 'coupon-scan-refused');
  // The entry (H5: paste the link).
  await customer.goto(`${stack.appUrl}/#/pages/coupon-scan/index`);
  await visible(customer.locator('.coupon-scan__entry')).waitFor();
  await shot(customer, 'coupon-scan-entry');

  // The clerk's list counts the claim.
  await clerk.reload();
  await visible(clerk.locator('.coupon-token').filter({ hasText: '家居满159减20' }))
    .getByText(/已领 1 \/ 50 人/)
    .waitFor();

  // 我的优惠券 › 到店使用: the rotating QR and its 20 digits.
  await customer.goto(`${stack.appUrl}/#/pages/coupon-mine/index`);
  const mine = visible(customer.locator('.my-ticket').filter({ hasText: '家居满159减20' }));
  await mine.getByText('到店使用').click();
  let sheet = visible(customer.locator('.code-sheet'));
  await sheet.getByText(/自动刷新/).waitFor();
  await shot(customer, 'coupon-code-sheet', true);
  const code = (await sheet.locator('.code-sheet__digits').textContent())!.replace(/\s+/g, '');
  expect(code).toMatch(/^9\d{19}$/);

  // 核销优惠券: the code → the preview → 确认核销.
  await clerk.goto(`${stack.appUrl}/#/pages/staff/coupon-redeem`);
  await typeInto(clerk, '.coupon-redeem__input', code);
  await visible(clerk.locator('.coupon-redeem__lookup')).click();
  const preview = visible(clerk.locator('.coupon-redeem__preview'));
  await preview.getByText('家居满159减20').waitFor();
  await preview.getByText(/陈一一/).waitFor();
  await shot(clerk, 'coupon-staff-redeem-preview', true);
  await visible(clerk.locator('.coupon-redeem__confirm')).click();
  await visible(clerk.getByText('核销成功', { exact: true })).waitFor();
  await shot(clerk, 'coupon-staff-redeem-done');
  expect((await memberCoupons('demo-customer-2', 'QR-HOME-159-20')).map((c) => c.status)).toEqual(['used']);

  // The customer's coupon is 已核销 under 已使用.
  await visible(sheet.locator('.bottom-sheet__close')).click();
  await customer.goto(`${stack.appUrl}/#/pages/coupon-mine/index?tab=used`);
  const used = visible(customer.locator('.my-ticket').filter({ hasText: '家居满159减20' }));
  await used.locator('.coupon-ticket-card__stamp').getByText('已核销').waitFor();

  // The same code a second time is refused.
  await clerk.goto(`${stack.appUrl}/#/pages/staff/coupon-redeem?code=${code}`);
  await visible(clerk.locator('.staff-code__error')).waitFor();
  await shot(clerk, 'coupon-staff-redeem-used');

  // 积分兑换: 1500 of the customer's points buy 满150减20 (usable in stores too) …
  await customer.goto(`${stack.appUrl}/#/pages/points-exchange/index`);
  const item = visible(customer.locator('.coupon-ticket-card').filter({ hasText: '满150减20' }));
  await item.getByText('兑换', { exact: true }).waitFor();
  await shot(customer, 'coupon-points-exchange', true);
  await item.getByText('兑换', { exact: true }).click();
  await confirmModal(customer, '确认兑换');
  await visible(customer.getByText(/兑换成功，剩余 \d+ 积分/)).waitFor();
  expect(await memberCoupons('demo-customer-2', 'PTS-150-20')).toHaveLength(1);

  // … and the till applies its 券码 to a walk-in sale before 收款.
  await customer.goto(`${stack.appUrl}/#/pages/coupon-mine/index`);
  await visible(customer.locator('.my-ticket').filter({ hasText: '满150减20' }))
    .getByText('到店使用')
    .click();
  sheet = visible(customer.locator('.code-sheet'));
  await sheet.getByText(/自动刷新/).waitFor();
  const tillCode = (await sheet.locator('.code-sheet__digits').textContent())!.replace(/\s+/g, '');

  await clerk.goto(`${stack.appUrl}/#/pages/staff/till`);
  await typeInto(clerk, '.till-basket__input', String(target.skuId));
  await visible(clerk.locator('.till-basket__add')).click();
  await visible(clerk.locator('.till-line')).getByText(target.title).waitFor();
  await typeInto(clerk, '.till-coupon__input', tillCode);
  await visible(clerk.locator('.till-coupon__apply')).click();
  const applied = visible(clerk.locator('.till-coupon__card'));
  await applied.getByText('满150减20', { exact: true }).waitFor();
  await applied.getByText('陈一一的券').waitFor();
  await applied.locator('.till-coupon__amount').getByText('-¥20.00').waitFor();
  await shot(clerk, 'coupon-staff-till', true);
  await visible(clerk.locator('.till-bar__submit')).click();
  await confirmModal(clerk, '确认收款');
  await visible(clerk.getByText('收款成功', { exact: true })).waitFor();
  await visible(clerk.locator('.till-receipt'))
    .getByText(/优惠券 · 满150减20/)
    .waitFor();
  await shot(clerk, 'coupon-staff-till-receipt');
  expect((await memberCoupons('demo-customer-2', 'PTS-150-20')).map((c) => c.status)).toEqual(['used']);
});

test('分享领券: the sharer sees the progress and a friend claims from the link', async () => {
  const sharer = await open('demo-customer-3');
  const friend = await open('demo-customer-5');
  const shareTemplate = await templateId('SHARE-NT-8');

  await sharer.goto(`${stack.appUrl}/#/pages/coupon-share/index?templateId=${shareTemplate}`);
  await visible(sharer.locator('.coupon-share__progress')).getByText(/0/).waitFor();
  await visible(sharer.locator('.coupon-share__invite')).click();
  const linkBox = visible(sharer.locator('.share-link-sheet__link'));
  await linkBox.getByText(/coupon-share\/index\?s=\d+/).waitFor();
  const link = (await linkBox.textContent())!.trim();
  await shot(sharer, 'coupon-share-link');
  await visible(sharer.locator('.share-link-sheet .bottom-sheet__close')).click();
  await shot(sharer, 'coupon-share-sharer', true);

  await friend.goto(link);
  const card = visible(friend.locator('.coupon-share__card'));
  await card.getByText('立即领取').waitFor();
  await visible(friend.locator('.coupon-share__sharer')).getByText('王思远').waitFor();
  await shot(friend, 'coupon-share-friend', true);
  await card.getByText('立即领取').click();
  await card.getByText(/领取成功|你已领取过这张券/).waitFor();
  await shot(friend, 'coupon-share-claimed');
  expect(await memberCoupons('demo-customer-5', 'SHARE-NT-8')).toHaveLength(1);

  await sharer.reload();
  await visible(sharer.locator('.coupon-share__progress')).getByText('还差 2 位').waitFor();
});

test('满减 nudge: the product page names the running 满减 and the cart says how much more reaches the next tier', async () => {
  const customer = await open('demo-customer-4');
  await customer.goto(`${stack.appUrl}/#/pages/product/index?id=${target.productId}&skuId=${target.skuId}`);
  const row = visible(customer.locator('.product-promotion'));
  await row.getByText('满199减20，满399减50').waitFor();
  await row
    .locator('.product-promotion__hint')
    .getByText(/^(再买¥\d+\.\d{2}可减¥\d+|已满\d+减\d+)$/)
    .waitFor();
  await shot(customer, 'product-promotion', true);

  // One of it in this customer's cart (through the BFF), then the cart page (signed in on launch).
  const code = await stack.sandbox.loginCode('demo-customer-4');
  const login = await (
    await fetch(`${stack.apiBase}/api/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ code }),
    })
  ).json();
  const added = await fetch(`${stack.apiBase}/api/cart/items`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${login.token as string}` },
    body: JSON.stringify({ skuId: target.skuId, qty: 1 }),
  });
  expect(added.status).toBe(200);
  const [sku] = await stack.deps.db.select({ priceFen: skus.priceFen }).from(skus).where(eq(skus.id, target.skuId));

  await customer.goto(`${stack.appUrl}/#/pages/cart/index`);
  const hint = visible(customer.locator('.cart-promotion'));
  const next = [19900, 39900].find((threshold) => threshold > sku.priceFen);
  const text = next ? `再买¥${((next - sku.priceFen) / 100).toFixed(2)}可减¥${next === 19900 ? 20 : 50}` : '已满399减50';
  await hint.getByText(text).waitFor();
  await shot(customer, 'cart-promotion', true);
});
