import { and, eq } from 'drizzle-orm';
import { attributionVisits, flashSales, groupCampaigns, groupMembers, groups, members, orders } from '@shop/db';
import type { Page } from 'playwright-core';
import { launchBrowser, settledScreenshot as shot, useDemoAccount, visible, type Browser } from '../../src/e2e/harness';
import { startStack, type Stack } from '../../src/e2e/stack';

// 拼团 and 秒杀 on the real product, two customers in two browsers: A opens a group on the seeded
// 2人团 from the product page and pays (the sandbox confirms, the BFF learns it) and lands on the
// group page (还差1人); B opens A's invite link, joins and pays; both pages then show 拼团成功.
// Then the 秒杀 page, and a flash sale bought once it has opened.
jest.setTimeout(240_000);

let stack: Stack;
let browserA: Browser;
let browserB: Browser;
let pageA: Page;
let pageB: Page;
let campaign: { id: number; productId: number; skuId: number };
let memberA: number;
let memberB: number;

beforeAll(async () => {
  stack = await startStack('e2e_groupbuy');
  browserA = await launchBrowser();
  browserB = await launchBrowser();
  await useDemoAccount(browserA.context, 'demo-customer-1');
  await useDemoAccount(browserB.context, 'demo-customer-2');
  pageA = await browserA.context.newPage();
  pageB = await browserB.context.newPage();

  const { db } = stack.deps;
  const [row] = await db.select().from(groupCampaigns).where(eq(groupCampaigns.code, 'GB-TEE-2'));
  if (!row || row.groupSize !== 2) throw new Error('the seed has no 2人团 GB-TEE-2');
  campaign = { id: row.id, productId: row.productId, skuId: row.skuId };
  const memberId = async (openid: string) => (await db.select({ id: members.id }).from(members).where(eq(members.openid, openid)))[0].id;
  memberA = await memberId('demo-customer-1');
  memberB = await memberId('demo-customer-2');
});

afterAll(async () => {
  await browserA?.close();
  await browserB?.close();
  await stack?.close();
});

/** 提交订单 on 确认订单, then the H5 stand-in for WeChat's pay sheet (the sandbox pays). */
async function submitAndPay(page: Page): Promise<void> {
  await visible(page.locator('.checkout-bar__submit')).click();
  await visible(page.getByText('确认支付', { exact: true })).click();
}

let groupId: number;
let inviteLink: string;

test('A opens a group from the product page, pays, and lands on the group page: 还差1人', async () => {
  await pageA.goto(`${stack.appUrl}/#/pages/product/index?id=${campaign.productId}&skuId=${campaign.skuId}`);
  const block = visible(pageA.locator('.product-group'));
  await block.getByText('2人团', { exact: false }).waitFor();
  await block.getByText('¥59.00').waitFor();
  const bar = visible(pageA.locator('.product-bar'));
  await bar.getByText('发起拼团').waitFor();
  await bar.getByText('单独购买').waitFor();
  await shot(pageA, 'groupbuy-product');

  await bar.getByText('发起拼团').click();
  // The T-shirt's sizes and colours: the group SKU sheet starts on the SKU chosen on the page.
  const skuSheet = visible(pageA.locator('.group-sku'));
  await skuSheet.getByText('已选：白色 / M').waitFor();
  await skuSheet.locator('.group-sku__confirm').getByText('发起拼团 ¥49.00').click();
  await pageA.waitForURL(new RegExp(`pages/checkout/index\\?from=group&campaignId=\\d+&skuId=${campaign.skuId}`));
  const note = visible(pageA.locator('.checkout-activity'));
  await note.getByText('你将作为团长开团').waitFor();
  // The seeded campaign has a 团长价 of ¥49 (group price ¥59).
  await note.getByText('开团价 ¥49.00').waitFor();
  await visible(pageA.locator('.checkout-bar__submit')).getByText('支付并开团').waitFor();
  await shot(pageA, 'groupbuy-checkout');

  await submitAndPay(pageA);
  await pageA.waitForURL(/pages\/group\/detail\?id=\d+/);
  groupId = Number(/id=(\d+)/.exec(pageA.url())![1]);
  const status = visible(pageA.locator('.group-status'));
  await status.getByText('还差1人拼团成功').waitFor({ timeout: 30_000 });
  await status.getByText('待成团').waitFor();
  // The leader's avatar and one empty seat.
  await expect(status.locator('.group-seat').count()).resolves.toBe(2);
  await expect(status.locator('.group-seat__empty').count()).resolves.toBe(1);
  await status.getByText('团长').waitFor();
  await status.getByText('邀请好友参团', { exact: true }).waitFor();
  await shot(pageA, 'groupbuy-group-pending');

  const { db } = stack.deps;
  const [group] = await db.select().from(groups).where(eq(groups.id, groupId));
  expect(group.status).toBe('open');
  expect(group.leaderMemberId).toBe(memberA);
  expect(group.paidCount).toBe(1);
});

test('邀请好友 offers the link to copy (H5), and 生成海报 shows the group code', async () => {
  await visible(pageA.locator('.group-actions__invite')).click();
  const sheet = visible(pageA.locator('.group-link-sheet'));
  const link = sheet.locator('.group-link-sheet__link');
  await link.getByText(/from=\d+/).waitFor();
  inviteLink = (await link.textContent())!.trim();
  expect(inviteLink).toBe(`${stack.appUrl}/#/pages/group/detail?id=${groupId}&from=${memberA}`);
  await shot(pageA, 'groupbuy-invite-link');
  await sheet.locator('.bottom-sheet__close').click();

  await visible(pageA.locator('.group-actions').getByText('生成海报')).click();
  const poster = visible(pageA.locator('.group-poster'));
  await poster.getByText('长按识别参团').waitFor();
  const qr = poster.locator('.group-poster__qr img, img.group-poster__qr').first();
  await expect(qr.getAttribute('src')).resolves.toContain(`/api/groups/${groupId}/qrcode?sharerId=${memberA}`);
  await shot(pageA, 'groupbuy-poster');
  await visible(pageA.locator('.group-poster-sheet .bottom-sheet__close')).click();
});

test("B sees A's group on the product page, opens the invite link, joins and pays: 拼团成功", async () => {
  await pageB.goto(`${stack.appUrl}/#/pages/product/index?id=${campaign.productId}&skuId=${campaign.skuId}`);
  const open = visible(pageB.locator('.product-group__open'));
  await open.getByText('1个团正在拼，可直接参与').waitFor();
  await open.locator('.product-group__row').first().getByText('还差').waitFor();
  await shot(pageB, 'groupbuy-product-open-groups');

  await pageB.goto(inviteLink);
  const status = visible(pageB.locator('.group-status'));
  await status.getByText('还差1人拼团成功').waitFor();
  const join = visible(pageB.locator('.group-actions__join'));
  await join.getByText('¥59.00 立即参团').waitFor();
  await shot(pageB, 'groupbuy-group-visitor');

  // 立即参团 opens the group SKU sheet (the campaign sells several SKUs), then 确认订单 for this group.
  await join.click();
  await visible(pageB.locator('.group-sku__confirm')).getByText('参团 ¥59.00').click();
  await pageB.waitForURL(
    new RegExp(
      `pages/checkout/index\\?from=group&campaignId=${campaign.id}&groupId=${groupId}&skuId=${campaign.skuId}&qty=1&sharerId=${memberA}`,
    ),
  );
  const note = visible(pageB.locator('.checkout-activity'));
  await note.getByText('参与好友的拼团').waitFor();
  await note.getByText('拼团价 ¥59.00').waitFor();
  await shot(pageB, 'groupbuy-checkout-join');

  await submitAndPay(pageB);
  await pageB.waitForURL(new RegExp(`pages/group/detail\\?id=${groupId}`));
  await visible(pageB.locator('.group-status')).getByText('拼团成功', { exact: true }).first().waitFor({ timeout: 30_000 });
  await expect(visible(pageB.locator('.group-status')).locator('.group-seat__empty').count()).resolves.toBe(0);
  await shot(pageB, 'groupbuy-group-success');

  const { db } = stack.deps;
  const [group] = await db.select().from(groups).where(eq(groups.id, groupId));
  expect(group.status).toBe('succeeded');
  const [seat] = await db
    .select()
    .from(groupMembers)
    .where(and(eq(groupMembers.groupId, groupId), eq(groupMembers.memberId, memberB)));
  expect(seat.status).toBe('paid');
  expect(seat.invitedBy).toBe(memberA);
  const [order] = await db.select().from(orders).where(eq(orders.id, seat.orderId));
  expect(order.sharerId).toBe(memberA);
  // The link brought B: the visit is credited to A.
  const visits = await db
    .select()
    .from(attributionVisits)
    .where(and(eq(attributionVisits.targetType, 'group'), eq(attributionVisits.targetId, groupId)));
  expect(visits.some((visit) => visit.sharerId === memberA)).toBe(true);
});

test("A's group page learns of it by itself, and A's order links back to the group", async () => {
  const status = visible(pageA.locator('.group-status'));
  await status.getByText('拼团成功', { exact: true }).first().waitFor({ timeout: 20_000 });
  await status.getByText('查看订单').waitFor();
  await shot(pageA, 'groupbuy-group-success-leader');

  await status.getByText('查看订单').click();
  await pageA.waitForURL(/pages\/order\/index\?id=\d+/);
  const card = visible(pageA.locator('.order-group'));
  await card.getByText('拼团成功').waitFor();
  // 商品金额 ¥79.00, 拼团优惠 (团长价 ¥49.00), 实付款 ¥49.00.
  await visible(pageA.locator('.order-price')).getByText('拼团优惠').waitFor();
  await visible(pageA.locator('.order-price__total-amount')).getByText('¥49.00').waitFor();
  await shot(pageA, 'groupbuy-order');
  await card.click();
  await pageA.waitForURL(new RegExp(`pages/group/detail\\?id=${groupId}`));

  await pageA.goto(`${stack.appUrl}/#/pages/orders/index`);
  const listed = visible(pageA.locator('.order-card-item').filter({ hasText: '长绒棉圆领短袖T恤' }));
  await listed.locator('.order-card-item__tag').getByText('拼团').waitFor();
  await shot(pageA, 'groupbuy-orders');
});

test('the home page 拼团 slot opens the 拼团 list, whose campaigns open their product', async () => {
  await pageB.goto(`${stack.appUrl}/#/pages/index/index`);
  const section = visible(pageB.locator('.home-section').filter({ hasText: '好友一起买' }));
  await section.locator('.section-header__more').click();
  await pageB.waitForURL(/pages\/group\/index/);
  const card = visible(pageB.locator('.group-campaign').filter({ hasText: '2人团 长绒棉圆领T恤' }));
  await card.getByText('去拼团').waitFor();
  await shot(pageB, 'groupbuy-list');
  await card.click();
  await pageB.waitForURL(new RegExp(`pages/product/index\\?id=${campaign.productId}&skuId=${campaign.skuId}`));
  await visible(pageB.locator('.product-group')).waitFor();
});

test('限时秒杀: an upcoming sale waits with 提醒我; once open it is bought at the flash price', async () => {
  // The home page's 限时秒杀 slot opens the 秒杀 page (its 场次 tabs).
  await pageA.goto(`${stack.appUrl}/#/pages/index/index`);
  const section = visible(pageA.locator('.home-section').filter({ hasText: '限时秒杀' }));
  await section.locator('.section-header__more').click();
  await pageA.waitForURL(/pages\/flash\/index/);
  await visible(pageA.locator('.flash-tabs__tab--on')).waitFor();

  const { db } = stack.deps;
  const [sale] = await db.select().from(flashSales).where(eq(flashSales.code, 'FS-SERUM-30ML'));
  // Opened on the seeded sale's session (as its 开抢提醒 message does): it opens 15 minutes after the seed.
  await pageA.goto(`${stack.appUrl}/#/pages/flash/index?saleId=${sale.id}`);
  const item = visible(pageA.locator('.flash-item').filter({ hasText: sale.title }));
  await item.getByText('提醒我').waitFor();
  await item.getByText('距开抢').waitFor();
  await shot(pageA, 'flash-page-upcoming');

  await db
    .update(flashSales)
    .set({ startsAt: new Date(Date.now() - 60_000) })
    .where(eq(flashSales.id, sale.id));
  // Written behind the app's back: the home and 秒杀 slots are cached for up to 2 s (bff/src/read-cache.ts).
  await stack.deps.readCache.invalidate('activity');

  await pageA.reload();
  const running = visible(pageA.locator('.flash-item').filter({ hasText: sale.title }));
  await running.getByText('距结束').waitFor();
  await running.getByText('已抢0%').waitFor();
  await shot(pageA, 'flash-page');
  await running.getByText('立即抢购').click();
  await pageA.waitForURL(new RegExp(`pages/checkout/index\\?from=flash&flashSaleId=${sale.id}&skuId=${sale.skuId}&qty=1`));
  await visible(pageA.locator('.checkout-activity')).getByText('秒杀价 ¥99.00').waitFor();

  // The product page's 秒杀 banner buys the same way.
  await pageA.goto(`${stack.appUrl}/#/pages/product/index?id=${sale.productId}&skuId=${sale.skuId}`);
  const banner = visible(pageA.locator('.product-flash'));
  await banner.getByText('距结束').waitFor();
  await shot(pageA, 'flash-product');
  await banner.getByText('立即抢购').click();
  await pageA.waitForURL(new RegExp(`pages/checkout/index\\?from=flash&flashSaleId=${sale.id}`));
  const note = visible(pageA.locator('.checkout-activity'));
  await note.getByText('秒杀价 ¥99.00').waitFor();
  await shot(pageA, 'flash-checkout');

  await submitAndPay(pageA);
  await pageA.waitForURL(/pages\/order\/index\?id=\d+/);
  await visible(pageA.locator('.order-status__title')).getByText('门店备货中').waitFor({ timeout: 30_000 });
  await visible(pageA.locator('.order-price')).getByText('秒杀优惠').waitFor();
  const orderId = Number(/id=(\d+)/.exec(pageA.url())![1]);
  const [order] = await db.select().from(orders).where(eq(orders.id, orderId));
  expect(order.activityType).toBe('flash');
  expect(order.activityId).toBe(sale.id);

  // One per customer: a second go is refused when the order is placed, with the BFF's reason.
  await pageA.goto(`${stack.appUrl}/#/pages/flash/index`);
  const again = visible(pageA.locator('.flash-item'));
  await again.getByText('已抢1%').waitFor();
  await again.getByText('立即抢购').click();
  await pageA.waitForURL(/pages\/checkout\/index\?from=flash/);
  await visible(pageA.locator('.checkout-activity')).getByText('秒杀价 ¥99.00').waitFor();
  await visible(pageA.locator('.checkout-bar__submit')).click();
  await visible(pageA.getByText(/每人限购\s*1\s*件/)).waitFor();
  await shot(pageA, 'flash-limit');
  expect(pageA.url()).toMatch(/pages\/checkout\/index/);
});
