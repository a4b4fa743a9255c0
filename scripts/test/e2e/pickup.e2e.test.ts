import { and, asc, eq, inArray, notInArray } from 'drizzle-orm';
import {
  flashSales,
  groupCampaigns,
  groups,
  inventory,
  liveProducts,
  members,
  orders,
  pointsLedger,
  products,
  refunds,
  skus,
  staff,
  stores,
} from '@shop/db';
import type { Page } from 'playwright-core';
import { launchBrowser, settledScreenshot as shot, useDemoAccount, visible, type Browser } from '../../src/e2e/harness';
import { startStack, type Stack } from '../../src/e2e/stack';
import { eventually } from '../../../bff/test/support/eventually';

// Store pickup end to end, three people in three browsers: the leader (demo-customer-1) opens the
// seeded 2人团 and pays, a friend (demo-customer-2) joins from the invite link and pays, the group
// succeeds; a clerk of the pickup store (demo-clerk-1) opens 店员工作台 from 我的, marks the
// leader's order ready in 备货队列, the leader's order shows the 8-digit code, the clerk types it
// in 核销 and hands the order over: the leader's order is 已完成 and the points arrive. Then the
// till (the friend's 会员码 at the counter), 库存预警, and — in a fourth browser, the store
// manager — 售后审核 and 经营数据, and the lockout after too many wrong codes.
jest.setTimeout(300_000);

let stack: Stack;
let leaderBrowser: Browser;
let friendBrowser: Browser;
let clerkBrowser: Browser;
let managerBrowser: Browser | undefined;
let leader: Page;
let friend: Page;
let clerk: Page;
let campaign: { id: number; productId: number; skuId: number };
let leaderId: number;
let friendId: number;
let clerkStore: { id: number; name: string };

beforeAll(async () => {
  stack = await startStack('e2e_pickup');
  leaderBrowser = await launchBrowser();
  friendBrowser = await launchBrowser();
  clerkBrowser = await launchBrowser();
  await useDemoAccount(leaderBrowser.context, 'demo-customer-1');
  await useDemoAccount(friendBrowser.context, 'demo-customer-2');
  await useDemoAccount(clerkBrowser.context, 'demo-clerk-1');
  leader = await leaderBrowser.context.newPage();
  friend = await friendBrowser.context.newPage();
  clerk = await clerkBrowser.context.newPage();

  const { db } = stack.deps;
  const [row] = await db.select().from(groupCampaigns).where(eq(groupCampaigns.code, 'GB-TEE-2'));
  if (!row || row.groupSize !== 2) throw new Error('the seed has no 2人团 GB-TEE-2');
  campaign = { id: row.id, productId: row.productId, skuId: row.skuId };
  leaderId = await memberId('demo-customer-1');
  friendId = await memberId('demo-customer-2');
  // demo-clerk-1 works at 文三路店 (HZ-WS), the first store: the one checkout picks by default.
  const [clerkRow] = await db
    .select({ storeId: staff.storeId, name: stores.name })
    .from(staff)
    .innerJoin(members, eq(members.id, staff.memberId))
    .innerJoin(stores, eq(stores.id, staff.storeId))
    .where(eq(members.openid, 'demo-clerk-1'));
  clerkStore = { id: clerkRow.storeId!, name: clerkRow.name };
});

afterAll(async () => {
  await leaderBrowser?.close();
  await friendBrowser?.close();
  await clerkBrowser?.close();
  await managerBrowser?.close();
  await stack?.close();
});

async function memberId(openid: string): Promise<number> {
  return (await stack.deps.db.select({ id: members.id }).from(members).where(eq(members.openid, openid)))[0].id;
}

async function staffIdOf(openid: string): Promise<number> {
  const [row] = await stack.deps.db
    .select({ id: staff.id })
    .from(staff)
    .innerJoin(members, eq(members.id, staff.memberId))
    .where(eq(members.openid, openid));
  return row.id;
}

/** Wrong pickup codes are counted per staff member and per store for a minute (in the run's shared Redis). */
async function clearLockouts(): Promise<void> {
  const staffKeys = await Promise.all(
    ['demo-clerk-1', 'demo-manager-1'].map(async (openid) => `ratelimit:pickup_staff:${await staffIdOf(openid)}`),
  );
  await stack.deps.redis.del([`ratelimit:pickup_store:${clerkStore.id}`, ...staffKeys]);
}

/** Scrolls the page so the bottom of `selector` shows (above a fixed bottom bar, given the page's padding). */
async function scrollToBottom(page: Page, selector: string): Promise<void> {
  await visible(page.locator(selector)).evaluate((element: Element) => element.scrollIntoView({ block: 'start' }));
  await page.evaluate(() => window.scrollBy(0, 10_000));
}

/** Waits until no toast (Taro.showToast on H5) is on screen, so screenshots show the page. */
async function waitForToastGone(page: Page): Promise<void> {
  await page.waitForFunction(
    () => Array.from(document.querySelectorAll('.taro__toast')).every((toast) => getComputedStyle(toast).display === 'none'),
    undefined,
    {
      timeout: 5_000,
    },
  );
}

/** The confirm button of the H5 stand-in for wx.showModal. */
async function confirmModal(page: Page, title: string): Promise<void> {
  const modal = visible(page.locator('.taro-modal__content'));
  await modal.locator('.taro-modal__title').getByText(title).waitFor();
  await modal.locator('.taro-model__confirm').click();
}

/** 提交订单 on 确认订单, then the H5 stand-in for WeChat's pay sheet (the sandbox pays). */
async function submitAndPay(page: Page): Promise<void> {
  await visible(page.locator('.checkout-bar__submit')).click();
  await visible(page.getByText('确认支付', { exact: true })).click();
}

/** Types into a Taro Input (H5 wraps a real <input>). */
async function typeInto(page: Page, selector: string, value: string): Promise<void> {
  const input = visible(page.locator(`${selector} input`));
  await input.fill('');
  await input.fill(value);
}

let groupId: number;
let inviteLink: string;
let leaderOrder: { id: number; orderNo: string; paidFen: number };
let friendOrder: { id: number; orderNo: string };
let pickupCode: string;
let leaderPointsBefore: number;

test('a customer who opens the staff workspace is told it is for store staff only', async () => {
  await leader.goto(`${stack.appUrl}/#/pages/staff/index`);
  const gate = visible(leader.locator('.staff-gate'));
  await gate.getByText('仅限门店员工').waitFor();
  await gate.getByText('返回我的').waitFor();
  await shot(leader, 'staff-forbidden');
  // 我的 has no 店员工作台 entry for a customer.
  await gate.getByText('返回我的').click();
  await leader.waitForURL(/pages\/me\/index/);
  await visible(leader.locator('.me-points')).waitFor();
  await expect(leader.locator('.me-entry').filter({ hasText: '店员工作台' }).locator('visible=true').count()).resolves.toBe(0);
  leaderPointsBefore = Number((await visible(leader.locator('.me-points')).textContent())?.trim());
  const [member] = await stack.deps.db.select().from(members).where(eq(members.id, leaderId));
  expect(leaderPointsBefore).toBe(member.pointsBalance);
});

test("the leader opens the 2人团 for pickup at the clerk's store and pays", async () => {
  await leader.goto(`${stack.appUrl}/#/pages/product/index?id=${campaign.productId}&skuId=${campaign.skuId}`);
  const bar = visible(leader.locator('.product-bar'));
  await bar.getByText('发起拼团').click();
  // The campaign sells several sizes: its SKU sheet starts on the SKU chosen on the page.
  await visible(leader.locator('.group-sku__confirm'))
    .getByText(/^发起拼团/)
    .click();
  await leader.waitForURL(/pages\/checkout\/index\?from=group/);
  // The default pickup store (first with stock) is the clerk's store.
  await visible(leader.locator('.checkout-store__name')).getByText(clerkStore.name).waitFor();
  await visible(leader.locator('.checkout-bar__submit')).getByText('支付并开团').waitFor();
  await submitAndPay(leader);
  await leader.waitForURL(/pages\/group\/detail\?id=\d+/);
  groupId = Number(/id=(\d+)/.exec(leader.url())![1]);
  await visible(leader.locator('.group-status')).getByText('还差1人拼团成功').waitFor({ timeout: 30_000 });

  await visible(leader.locator('.group-actions__invite')).click();
  const link = visible(leader.locator('.group-link-sheet')).locator('.group-link-sheet__link');
  await link.getByText(/from=\d+/).waitFor();
  inviteLink = (await link.textContent())!.trim();
  expect(inviteLink).toBe(`${stack.appUrl}/#/pages/group/detail?id=${groupId}&from=${leaderId}`);
  await visible(leader.locator('.group-link-sheet .bottom-sheet__close')).click();
});

test('the friend joins from the invite link and pays: the group succeeds and both orders go to the store', async () => {
  await friend.goto(inviteLink);
  const join = visible(friend.locator('.group-actions__join'));
  await join.getByText('¥59.00 立即参团').waitFor();
  await join.click();
  await visible(friend.locator('.group-sku__confirm')).getByText('参团 ¥59.00').click();
  await friend.waitForURL(/pages\/checkout\/index\?from=group/);
  await visible(friend.locator('.checkout-store__name')).getByText(clerkStore.name).waitFor();
  await submitAndPay(friend);
  await friend.waitForURL(new RegExp(`pages/group/detail\\?id=${groupId}`));
  await visible(friend.locator('.group-status')).getByText('拼团成功', { exact: true }).first().waitFor({ timeout: 30_000 });

  const { db } = stack.deps;
  const [group] = await db.select().from(groups).where(eq(groups.id, groupId));
  expect(group.status).toBe('succeeded');
  const rows = await db
    .select()
    .from(orders)
    .where(and(eq(orders.activityType, 'group'), inArray(orders.memberId, [leaderId, friendId])));
  const mine = (member: number) => rows.filter((order) => order.memberId === member && order.status === 'preparing');
  expect(mine(leaderId)).toHaveLength(1);
  expect(mine(friendId)).toHaveLength(1);
  for (const order of rows) expect(order.storeId).toBe(clerkStore.id);
  leaderOrder = { id: mine(leaderId)[0].id, orderNo: mine(leaderId)[0].orderNo, paidFen: mine(leaderId)[0].paidFen };
  friendOrder = { id: mine(friendId)[0].id, orderNo: mine(friendId)[0].orderNo };
});

test('the clerk opens 店员工作台 from 我的 and marks the leader’s order ready in 备货队列', async () => {
  // Signed in on launch (silent login): 我的 shows the clerk's entry without a 登录 tap.
  await clerk.goto(`${stack.appUrl}/#/pages/me/index`);
  const entry = visible(clerk.locator('.me-entry').filter({ hasText: '店员工作台' }));
  await entry.getByText(clerkStore.name).waitFor();
  await entry.click();
  await clerk.waitForURL(/pages\/staff\/index/);
  const home = visible(clerk.locator('.staff-home'));
  await home.locator('.staff-home__store').getByText(clerkStore.name).waitFor();
  await home.locator('.staff-home__role').getByText('店员').waitFor();
  const queueTile = home.locator('.work-tile').filter({ hasText: '备货队列' });
  await queueTile.getByText('2 单待备货').waitFor();
  await queueTile.locator('.work-tile__badge').getByText('2').waitFor();
  await home.locator('.work-tile').filter({ hasText: '收银台' }).waitFor();
  // Managers' tiles are not shown to a clerk.
  await expect(home.locator('.work-tile').filter({ hasText: '售后审核' }).count()).resolves.toBe(0);
  await expect(home.locator('.work-tile').filter({ hasText: '经营数据' }).count()).resolves.toBe(0);
  await shot(clerk, 'staff-home');

  await queueTile.click();
  await clerk.waitForURL(/pages\/staff\/orders\?tab=preparing/);
  const card = visible(clerk.locator('.staff-queue-card').filter({ hasText: leaderOrder.orderNo }));
  await card.getByText('林小满 · 尾号0001').waitFor();
  await card.getByText('长绒棉圆领短袖T恤').waitFor();
  await card.getByText('×1').waitFor();
  await visible(clerk.locator('.staff-tabs__item--on')).getByText('2').waitFor();
  await shot(clerk, 'staff-queue');

  await card.locator('.staff-queue-card__ready').click();
  await visible(clerk.locator('.taro-modal__content')).getByText('确认 林小满 · 尾号0001 的商品已备齐', { exact: false }).waitFor();
  await shot(clerk, 'staff-queue-confirm');
  await confirmModal(clerk, '备货完成');
  // The order leaves 待备货 (one left: the friend's) and waits in 待取货.
  await eventually(
    async () =>
      expect(await clerk.locator('.staff-queue-card').filter({ hasText: leaderOrder.orderNo }).locator('visible=true').count()).toBe(0),
    10_000,
  );
  await visible(clerk.locator('.staff-queue-card').filter({ hasText: friendOrder.orderNo })).waitFor();
  await visible(clerk.locator('.staff-tabs__item').filter({ hasText: '待取货' })).click();
  const ready = visible(clerk.locator('.staff-queue-card').filter({ hasText: leaderOrder.orderNo }));
  await ready.getByText('待取货').waitFor();
  await ready.getByText('等待顾客到店', { exact: false }).waitFor();
  await shot(clerk, 'staff-queue-ready');

  const [order] = await stack.deps.db.select().from(orders).where(eq(orders.id, leaderOrder.id));
  expect(order.status).toBe('ready_for_pickup');
});

test("the leader's order shows the 8-digit pickup code (4 + 4) with its QR, the store and the deadline", async () => {
  await leader.goto(`${stack.appUrl}/#/pages/order/index?id=${leaderOrder.id}`);
  await visible(leader.locator('.order-status__title')).getByText('请到店自提').waitFor();
  const card = visible(leader.locator('.order-pickup'));
  const digits = card.locator('.order-pickup__code');
  await digits.getByText(/^\d{4} \d{4}$/).waitFor();
  const shown = (await digits.textContent())!.trim();
  pickupCode = shown.replace(/\s+/g, '');
  expect(pickupCode).toMatch(/^\d{8}$/);
  await expect(card.locator('.order-pickup__qr img, img.order-pickup__qr').first().getAttribute('src')).resolves.toMatch(
    /^data:image\/png;base64,/,
  );
  await card.getByText(clerkStore.name).waitFor();
  await card.getByText(/请于 \d+月\d+日 \d{2}:\d{2} 前到店自提/).waitFor();
  await shot(leader, 'order-pickup-code');
});

test('the clerk types the code in 核销: a wrong code is refused, the right one shows the order, 确认核销 hands it over', async () => {
  await clearLockouts();
  await clerk.goto(`${stack.appUrl}/#/pages/staff/index`);
  await visible(clerk.locator('.staff-hero')).click();
  await clerk.waitForURL(/pages\/staff\/verify/);
  // H5 has no scanner: the code is typed.
  await expect(clerk.locator('.staff-code__scan').locator('visible=true').count()).resolves.toBe(0);
  await shot(clerk, 'staff-verify');

  const wrong = pickupCode === '00000000' ? '00000001' : '00000000';
  await typeInto(clerk, '.staff-verify__input', wrong);
  await visible(clerk.locator('.staff-verify__lookup')).click();
  await visible(clerk.locator('.staff-verify__error--invalid')).getByText('取货码无效').waitFor();
  await shot(clerk, 'staff-verify-invalid');

  await typeInto(clerk, '.staff-verify__input', pickupCode);
  await visible(clerk.getByText(`取货码 ${pickupCode.slice(0, 4)} ${pickupCode.slice(4)}，点击查询订单`)).waitFor();
  await visible(clerk.locator('.staff-verify__lookup')).click();
  const order = visible(clerk.locator('.staff-verify__order'));
  await order.getByText(`订单号 ${leaderOrder.orderNo}`).waitFor();
  await order.locator('.staff-verify__customer').getByText('林小满 · 尾号0001').waitFor();
  await order.getByText('长绒棉圆领短袖T恤').waitFor();
  await order.getByText('¥49.00').waitFor();
  await shot(clerk, 'staff-verify-found');

  await visible(clerk.locator('.staff-verify__confirm')).click();
  await visible(clerk.locator('.taro-modal__content')).getByText('请确认已将 1 件商品交给顾客 林小满 · 尾号0001').waitFor();
  await shot(clerk, 'staff-verify-confirm');
  await confirmModal(clerk, '确认核销');
  const done = visible(clerk.locator('.staff-verify__done'));
  await done.getByText('核销成功').waitFor();
  const earned = Math.floor(leaderOrder.paidFen / 100);
  await done.getByText(`顾客获得 ${earned} 积分`).waitFor();
  await shot(clerk, 'staff-verify-done');

  // The code is used up: looking it up again says so.
  await visible(clerk.getByText('继续核销', { exact: true })).click();
  await typeInto(clerk, '.staff-verify__input', pickupCode);
  await visible(clerk.locator('.staff-verify__lookup')).click();
  await visible(clerk.locator('.staff-verify__error--invalid')).getByText('取货码无效').waitFor();
});

test("the leader's order is 已完成 and the points have arrived", async () => {
  await leader.goto(`${stack.appUrl}/#/pages/order/index?id=${leaderOrder.id}`);
  await visible(leader.locator('.order-status__title')).getByText('已完成').waitFor();
  await expect(leader.locator('.order-pickup').locator('visible=true').count()).resolves.toBe(0);
  await shot(leader, 'order-completed');

  const earned = Math.floor(leaderOrder.paidFen / 100);
  await leader.goto(`${stack.appUrl}/#/pages/me/index`);
  await visible(leader.locator('.me-points'))
    .getByText(String(leaderPointsBefore + earned), { exact: true })
    .waitFor();
  await shot(leader, 'me-points-after-pickup');

  const { db } = stack.deps;
  const [order] = await db.select().from(orders).where(eq(orders.id, leaderOrder.id));
  expect(order.status).toBe('completed');
  const credits = await db
    .select()
    .from(pointsLedger)
    .where(and(eq(pointsLedger.memberId, leaderId), eq(pointsLedger.reference, leaderOrder.orderNo)));
  expect(credits.map((row) => row.delta)).toEqual([earned]);
});

test('今日已取 lists the handed-over order', async () => {
  await clerk.goto(`${stack.appUrl}/#/pages/staff/orders?tab=picked_up_today`);
  const card = visible(clerk.locator('.staff-queue-card').filter({ hasText: leaderOrder.orderNo }));
  await card.getByText('已取货').waitFor();
  await card.getByText(/今天 \d{2}:\d{2} 取货/).waitFor();
  await shot(clerk, 'staff-queue-picked');
});

/** A SKU on sale in no activity, in stock at the clerk's store, and how many to sell so it turns low. */
let tillSku: { skuId: number; barcode: string; title: string; qty: number };

test("收银台: the friend's 会员码, a scanned barcode, quantity, 现金, 确认收款 → receipt with points", async () => {
  const { db } = stack.deps;
  const inActivity = [
    ...(await db.select({ id: flashSales.skuId }).from(flashSales)),
    ...(await db.select({ id: groupCampaigns.skuId }).from(groupCampaigns)),
  ].map((row) => row.id);
  const inLive = (await db.select({ id: liveProducts.productId }).from(liveProducts)).map((row) => row.id);
  const candidates = await db
    .select({
      skuId: skus.id,
      barcode: skus.barcode,
      title: products.title,
      onHand: inventory.onHand,
      reserved: inventory.reserved,
      safety: inventory.safetyStock,
    })
    .from(skus)
    .innerJoin(products, eq(products.id, skus.productId))
    .innerJoin(inventory, and(eq(inventory.skuId, skus.id), eq(inventory.storeId, clerkStore.id)))
    .where(
      and(
        eq(products.status, 'on_sale'),
        eq(skus.status, 'active'),
        inActivity.length ? notInArray(skus.id, inActivity) : undefined,
        inLive.length ? notInArray(products.id, inLive) : undefined,
      ),
    )
    .orderBy(asc(inventory.onHand), asc(skus.id));
  // Selling qty makes it low when what is left online is under twice the sales: s − qty < 2·qty.
  const pick = candidates
    .map((row) => {
      const online = row.onHand - row.reserved - row.safety;
      return { ...row, online, qty: Math.floor(online / 3) + 1 };
    })
    .find((row) => row.online >= 5 && row.qty >= 2 && row.qty <= 5 && row.qty <= row.onHand - row.reserved);
  if (!pick) throw new Error('the seed has no SKU at the clerk’s store to sell at the till');
  tillSku = { skuId: pick.skuId, barcode: pick.barcode, title: pick.title, qty: pick.qty };

  await clerk.goto(`${stack.appUrl}/#/pages/staff/index`);
  await visible(clerk.locator('.work-tile').filter({ hasText: '收银台' })).click();
  await clerk.waitForURL(/pages\/staff\/till/);
  await visible(clerk.locator('.till-basket__empty')).waitFor();
  await shot(clerk, 'staff-till');

  // The friend shows their 会员码; the clerk types its 18 digits.
  await friend.goto(`${stack.appUrl}/#/pages/member-code/index`);
  const digits = visible(friend.locator('.member-code__digits'));
  await digits.getByText(/^[\d ]{22}$/).waitFor();
  const memberCode = (await digits.textContent())!.replace(/\s+/g, '');
  const [friendBefore] = await db.select().from(members).where(eq(members.id, friendId));

  await typeInto(clerk, '.till-member__input', memberCode);
  await visible(clerk.locator('.till-member__identify')).click();
  const card = visible(clerk.locator('.till-member__card'));
  await card.getByText('陈一一').waitFor();
  await card.locator('.tier-badge').getByText('白银会员').waitFor();
  await card.getByText(String(friendBefore.pointsBalance), { exact: true }).waitFor();

  await typeInto(clerk, '.till-basket__input', tillSku.barcode);
  await visible(clerk.locator('.till-basket__add')).click();
  const line = visible(clerk.locator('.till-line'));
  await line.getByText(tillSku.title).waitFor();
  for (let qty = 2; qty <= tillSku.qty; qty++) {
    await line.locator('.qty-stepper__button--plus').click();
    await line.locator('.qty-stepper__value').getByText(String(qty), { exact: true }).waitFor();
    await visible(clerk.locator('.till-totals')).getByText('正在计算…').waitFor({ state: 'hidden' });
  }
  const totals = visible(clerk.locator('.till-totals'));
  await totals.getByText('会员8.5折').waitFor();
  await visible(clerk.locator('.till-pay__method').filter({ hasText: '现金' })).click();
  await visible(clerk.locator('.till-pay__method--on')).getByText('现金', { exact: true }).waitFor();
  const payable = (await totals.locator('.till-totals__amount').textContent())!.trim();
  await shot(clerk, 'staff-till-basket');
  await scrollToBottom(clerk, '.till-pay');
  await shot(clerk, 'staff-till-basket-scrolled');

  await visible(clerk.locator('.till-bar__submit')).click();
  await visible(clerk.locator('.taro-modal__content')).getByText(`请确认已向顾客收取 ${payable}（现金）`).waitFor();
  await shot(clerk, 'staff-till-confirm');
  await confirmModal(clerk, '确认收款');
  const receipt = visible(clerk.locator('.till-receipt'));
  await receipt.getByText('收款成功').waitFor();
  await receipt.locator('.staff-done__amount').getByText(payable).waitFor();
  const payableFen = Math.round(Number(payable.replace('¥', '')) * 100);
  const earned = Math.floor(payableFen / 100);
  await receipt.getByText(`陈一一 获得 ${earned} 积分 · 当前 ${friendBefore.pointsBalance + earned} 积分`).waitFor();
  await shot(clerk, 'staff-till-receipt');

  const [sale] = await db
    .select()
    .from(orders)
    .where(and(eq(orders.channel, 'offline'), eq(orders.memberId, friendId)));
  expect(sale).toMatchObject({ status: 'completed', storeId: clerkStore.id, payableFen });
  const [friendAfter] = await db.select().from(members).where(eq(members.id, friendId));
  expect(friendAfter.pointsBalance).toBe(friendBefore.pointsBalance + earned);
});

test('库存预警 lists the SKU the till sale left short', async () => {
  await clerk.goto(`${stack.appUrl}/#/pages/staff/index`);
  const tile = visible(clerk.locator('.work-tile').filter({ hasText: '库存预警' }));
  await tile.getByText(/\d+ 个商品需补货/).waitFor();
  await tile.click();
  await clerk.waitForURL(/pages\/staff\/stock/);
  const row = visible(clerk.locator('.stock-row').filter({ hasText: `条码 ${tillSku.barcode}` }));
  await row.getByText('需补货').waitFor();
  await row.locator('.stock-row__stat').filter({ hasText: '近7天售出' }).getByText(String(tillSku.qty), { exact: true }).waitFor();
  await shot(clerk, 'staff-stock');

  await visible(clerk.locator('.staff-stock__option').filter({ hasText: '全部库存' })).click();
  await typeInto(clerk, '.staff-stock__input', tillSku.barcode);
  await visible(clerk.locator('.staff-stock__go')).click();
  await visible(clerk.locator('.staff-stock__summary')).getByText('共 1 个商品').waitFor();
  await shot(clerk, 'staff-stock-search');
});

test('a clerk opening 售后审核 is told it is for managers', async () => {
  await clerk.goto(`${stack.appUrl}/#/pages/staff/after-sale`);
  const gate = visible(clerk.locator('.staff-gate'));
  await gate.getByText('仅限店长使用').waitFor();
  await shot(clerk, 'staff-after-sale-clerk');
});

let manager: Page;

test('售后审核: the manager rejects a refund request with a reason, then approves the next one', async () => {
  // The friend's order is prepared; the friend asks for a refund, which now waits for the store.
  await clerk.goto(`${stack.appUrl}/#/pages/staff/orders?tab=preparing`);
  const card = visible(clerk.locator('.staff-queue-card').filter({ hasText: friendOrder.orderNo }));
  await card.locator('.staff-queue-card__ready').click();
  await confirmModal(clerk, '备货完成');
  await eventually(
    async () =>
      expect(await clerk.locator('.staff-queue-card').filter({ hasText: friendOrder.orderNo }).locator('visible=true').count()).toBe(0),
    10_000,
  );

  const askRefund = async (reason: string) => {
    await friend.goto(`${stack.appUrl}/#/pages/order/index?id=${friendOrder.id}`);
    await visible(friend.locator('.order-pickup__code')).waitFor();
    await visible(friend.locator('.order-bar').getByText('申请退款')).click();
    const sheet = visible(friend.locator('.refund-sheet'));
    await sheet.getByText(reason, { exact: true }).click();
    await sheet.getByText('提交申请').click();
    await visible(friend.locator('.order-refund__status').filter({ hasText: '待审核' })).waitFor();
  };
  await askRefund('不想要了');

  managerBrowser = await launchBrowser();
  await useDemoAccount(managerBrowser.context, 'demo-manager-1');
  manager = await managerBrowser.context.newPage();
  await manager.goto(`${stack.appUrl}/#/pages/staff/index`);
  const home = visible(manager.locator('.staff-home'));
  await home.locator('.staff-home__role').getByText('店长').waitFor();
  const afterSaleTile = home.locator('.work-tile').filter({ hasText: '售后审核' });
  await afterSaleTile.getByText('1 条待审核').waitFor();
  await home
    .locator('.work-tile')
    .filter({ hasText: '经营数据' })
    .getByText(/今日 ¥\d+\.\d{2}/)
    .waitFor();
  await shot(manager, 'staff-home-manager');

  await afterSaleTile.click();
  await manager.waitForURL(/pages\/staff\/after-sale/);
  const request = visible(manager.locator('.refund-card').filter({ hasText: friendOrder.orderNo }));
  await request.getByText('不想要了').waitFor();
  await request.getByText('待审核').waitFor();
  await shot(manager, 'staff-after-sale');

  await request.locator('.refund-card__reject').click();
  const sheet = visible(manager.locator('.reject-sheet'));
  await sheet.getByText('商品已拆封影响二次销售').click();
  await shot(manager, 'staff-after-sale-reject');
  await sheet.locator('.reject-sheet__submit').click();
  await visible(manager.locator('.staff-list')).getByText('暂无待审核的售后申请').waitFor();

  const { db } = stack.deps;
  const [rejected] = await db.select().from(refunds).where(eq(refunds.orderId, friendOrder.id));
  expect(rejected).toMatchObject({ status: 'rejected', decisionNote: '商品已拆封影响二次销售' });

  // The customer reads the reason, and may ask again; this time the manager approves.
  await friend.goto(`${stack.appUrl}/#/pages/order/index?id=${friendOrder.id}`);
  await visible(friend.getByText('门店说明：商品已拆封影响二次销售')).waitFor();
  await askRefund('拍错了');
  await manager.reload();
  const second = visible(manager.locator('.refund-card').filter({ hasText: '拍错了' }));
  await second.locator('.refund-card__approve').click();
  await visible(manager.locator('.taro-modal__content')).getByText('同意后将原路退回', { exact: false }).waitFor();
  await confirmModal(manager, '同意退款');
  await visible(manager.locator('.staff-list')).getByText('暂无待审核的售后申请').waitFor();
  await visible(manager.locator('.staff-tabs__item').filter({ hasText: '全部' })).click();
  await visible(manager.locator('.refund-card').filter({ hasText: '拍错了' })).waitFor();
  await visible(manager.locator('.refund-card').filter({ hasText: '处理说明：商品已拆封影响二次销售' })).waitFor();
  await waitForToastGone(manager);
  await shot(manager, 'staff-after-sale-all');

  await eventually(async () => {
    const [approved] = await db
      .select()
      .from(refunds)
      .where(and(eq(refunds.orderId, friendOrder.id), eq(refunds.reason, '拍错了')));
    expect(approved.status).toMatch(/approved|processing|succeeded/);
  }, 20_000);
});

test('too many wrong codes lock 核销 for a while; 经营数据 shows the day, the pickups and the lockout', async () => {
  await clearLockouts();
  try {
    await clerk.goto(`${stack.appUrl}/#/pages/staff/verify`);
    for (let i = 0; i < 10; i++) {
      await typeInto(clerk, '.staff-verify__input', String(10_000_000 + i));
      await visible(clerk.locator('.staff-verify__lookup')).click();
      await visible(clerk.locator('.staff-verify__error')).waitFor();
    }
    await typeInto(clerk, '.staff-verify__input', '12345678');
    await visible(clerk.locator('.staff-verify__lookup')).click();
    const locked = visible(clerk.locator('.staff-verify__error--locked'));
    await locked.getByText('核销已暂时锁定').waitFor();
    await locked.getByText('取货码错误次数过多，请 1 分钟后再试').waitFor();
    await shot(clerk, 'staff-verify-locked');

    await manager.goto(`${stack.appUrl}/#/pages/staff/metrics`);
    const page = visible(manager.locator('.staff-metrics'));
    await page.getByText('今日销售额（元）').waitFor();
    await page.locator('.metrics-channel').filter({ hasText: '门店收银' }).getByText('1 单').waitFor();
    await page.locator('.metrics-lockouts__row').filter({ hasText: '文三路店·小周' }).first().waitFor();
    await shot(manager, 'staff-metrics');
  } finally {
    await clearLockouts();
  }
});
