/**
 * The authorization matrix: every route of the OpenAPI document × every kind of caller, each cell
 * the outcome the caller must get (docs/domain.md#staff, docs/domain.md#orders):
 *
 * - 401 without a session;
 * - someone else's order, coupon or refund through a customer route is 404 (it "does not exist"
 *   for them, as the order routes have always answered), the same for staff, who are customers
 *   there;
 * - a staff route is 403 for customers, for a role below the route's, and for store staff
 *   naming another store or acting on its orders, refunds, stock or 扫码领券 tokens (the message
 *   names what is missing: 仅限门店员工 / 仅限店长 / 仅限总部管理员 / 仅限本门店员工);
 * - `ok`: the guard let the caller through — 2xx, or a 4xx about the request itself (400, 409,
 *   422, 429), never 401/403/404 and never a 5xx; some rows also check what the answer shows
 *   (A's order in A's list only, the group page's viewer, store 1's tokens for store 1 only);
 * - a few cells name the rule's own answer: a coupon held by someone else is 422
 *   COUPON_UNAVAILABLE at checkout (docs/domain.md#pricing), another store's coupon is 422
 *   COUPON_NOT_FOR_STORE, head office not naming a store is 400.
 *
 * Data: customer A's orders (unpaid, preparing, ready with its pickup code, after-sales waiting
 * for review, a group order), coupons and their codes, member code, points and 分享领券 pack, and
 * store 1's 扫码领券 token, all made through the API in fixtures.ts.
 *
 * The rows are checked against GET /api/openapi.json, so a new route without a row fails here.
 * Denied callers go first in each row, so an allowed caller's write (a cancel, a handover) cannot
 * hide what a denied one would have been able to do.
 */
import { eq } from 'drizzle-orm';
import { flashSales } from '@shop/db';
import request from 'supertest';
import { newKey, startHarness, type Harness } from '../groupbuy/harness';
import { ACTORS, OPENIDS, buildFixtures, type Actor, type Fixtures } from './fixtures';
import { memberNumberOf } from '../../src/modules/member/member-number';

type Cell = 'ok' | 400 | 401 | 403 | 404 | 409 | 422;
type Cells = Record<Actor, Cell>;
type Req = {
  path: string;
  query?: Record<string, string | number>;
  body?: unknown;
  headers?: Record<string, string>;
  freshSession?: boolean;
};
type Res = { status: number; body: unknown };
type Row = {
  /** `METHOD /path/{param}` exactly as the OpenAPI document has it. */
  route: string;
  /** Tells two rows of one route apart. */
  variant?: string;
  request: (f: Fixtures, who: Actor) => Req | Promise<Req>;
  expect: Cells;
  /** Messages of the 403 cells. */
  refusal?: Partial<Record<Actor, string>>;
  /** What an allowed caller must (not) see in the answer. */
  check?: (who: Actor, res: Res, f: Fixtures) => void;
};

const STAFF_ONLY = '仅限门店员工操作';
const MANAGER_ONLY = '仅限店长操作';
const ADMIN_ONLY = '仅限总部管理员操作';
const OWN_STORE = '仅限本门店员工操作';

const all = (cell: Cell): Cells => Object.fromEntries(ACTORS.map((a) => [a, cell])) as Cells;
const cells = (rest: Cell, some: Partial<Cells>): Cells => ({ ...all(rest), ...some });
/** Anyone, signed in or not. */
const PUBLIC = all('ok');
/** Any signed-in member (staff are members too). */
const MEMBER = cells('ok', { anon: 401 });
/** A customer route on something of customer A's: everyone else is told it does not exist. */
const OWNED_BY_A = (others: Cell = 404) => cells(others, { anon: 401, custA: 'ok' });
type Role = 'clerk' | 'manager';
/** A staff route acting on store 1 (by its order, refund, token or a named storeId). */
const STORE_1 = (min: Role): Cells => ({
  anon: 401,
  custA: 403,
  custB: 403,
  clerk1: min === 'clerk' ? 'ok' : 403,
  clerk2: 403,
  manager1: 'ok',
  manager2: 403,
  admin: 'ok',
});
/** A staff route each store's staff use for their own store (nothing of another store named). */
const ANY_STORE = (min: Role): Cells => ({ ...STORE_1(min), clerk2: min === 'clerk' ? 'ok' : 403, manager2: 'ok' });
const ADMIN = cells(403, { anon: 401, admin: 'ok' });

const roleRefusal = (min: Role | 'admin') => (min === 'admin' ? ADMIN_ONLY : min === 'manager' ? MANAGER_ONLY : STAFF_ONLY);
/** 403 messages: customers and lower roles read the role the route needs, the other store's staff 本门店. */
const refusalAt1 = (min: Role): Row['refusal'] => ({
  custA: roleRefusal(min),
  custB: roleRefusal(min),
  clerk1: min === 'manager' ? MANAGER_ONLY : undefined,
  clerk2: min === 'manager' ? MANAGER_ONLY : OWN_STORE,
  manager2: OWN_STORE,
});
const refusalAnyStore = (min: Role): Row['refusal'] => ({
  custA: roleRefusal(min),
  custB: roleRefusal(min),
  ...(min === 'manager' ? { clerk1: MANAGER_ONLY, clerk2: MANAGER_ONLY } : {}),
});
const adminRefusal = Object.fromEntries(ACTORS.filter((a) => a !== 'anon' && a !== 'admin').map((a) => [a, ADMIN_ONLY]));

const idsOf = (res: Res, key = 'items') => ((res.body as Record<string, { id: number }[]>)[key] ?? []).map((item) => item.id);
const key = () => ({ 'Idempotency-Key': newKey() });

const TABLE: Row[] = [
  // ── Public reads and the WeChat-facing basics ────────────────────────────────────────────
  { route: 'GET /healthz', request: () => ({ path: '/healthz' }), expect: PUBLIC },
  {
    route: 'POST /api/auth/login',
    request: async (_f, who) => ({
      path: '/api/auth/login',
      body: { code: await h.sandbox.loginCode(who === 'anon' ? 'authz-newcomer' : OPENIDS[who]) },
    }),
    expect: PUBLIC,
  },
  { route: 'POST /api/auth/logout', request: () => ({ path: '/api/auth/logout', freshSession: true }), expect: MEMBER },
  { route: 'GET /api/categories', request: () => ({ path: '/api/categories' }), expect: PUBLIC },
  { route: 'GET /api/products', request: () => ({ path: '/api/products', query: { q: '连衣裙' } }), expect: PUBLIC },
  { route: 'GET /api/search/suggest', request: () => ({ path: '/api/search/suggest', query: { q: 'lyq' } }), expect: PUBLIC },
  { route: 'GET /api/search/hot', request: () => ({ path: '/api/search/hot' }), expect: PUBLIC },
  { route: 'GET /api/products/{id}', request: (f) => ({ path: `/api/products/${f.product.id}` }), expect: PUBLIC },
  { route: 'GET /api/stores', request: () => ({ path: '/api/stores' }), expect: PUBLIC },
  { route: 'GET /api/flashsales', request: () => ({ path: '/api/flashsales' }), expect: PUBLIC },
  { route: 'GET /api/flashsales/sessions', request: () => ({ path: '/api/flashsales/sessions' }), expect: PUBLIC },
  // 开抢提醒 on the seed's sale of tomorrow 10:00 (always still to come): any signed-in member's own.
  {
    route: 'PUT /api/flash-sales/{id}/reminder',
    request: async () => ({ path: `/api/flash-sales/${await comingSaleId()}/reminder` }),
    expect: MEMBER,
  },
  {
    route: 'DELETE /api/flash-sales/{id}/reminder',
    request: async () => ({ path: `/api/flash-sales/${await comingSaleId()}/reminder` }),
    expect: MEMBER,
  },
  { route: 'GET /api/me/reminders', request: () => ({ path: '/api/me/reminders' }), expect: MEMBER },
  { route: 'GET /api/groupbuys', request: () => ({ path: '/api/groupbuys' }), expect: PUBLIC },
  { route: 'GET /api/groupbuys/{id}', request: (f) => ({ path: `/api/groupbuys/${f.group.campaignId}` }), expect: PUBLIC },
  {
    route: 'GET /api/groups/{id}',
    request: (f) => ({ path: `/api/groups/${f.group.id}` }),
    expect: PUBLIC,
    // The group page is public; only A's own view carries A's order.
    check: (who, res, f) => {
      const viewer = (res.body as { viewer: { orderId: number | null; joined: boolean } }).viewer;
      expect(viewer).toMatchObject(who === 'custA' ? { orderId: f.orders.group, joined: true } : { orderId: null, joined: false });
    },
  },
  { route: 'GET /api/groups/{id}/qrcode', request: (f) => ({ path: `/api/groups/${f.group.id}/qrcode` }), expect: PUBLIC },
  { route: 'GET /api/lives', request: () => ({ path: '/api/lives' }), expect: PUBLIC },
  // Room 1 is the first seeded room (LIVE-WOMEN-01, live from seed time), drop 1 its first coupon drop (already dropped).
  { route: 'GET /api/lives/{id}', request: () => ({ path: '/api/lives/1' }), expect: PUBLIC },
  { route: 'GET /api/notify/templates', request: () => ({ path: '/api/notify/templates' }), expect: PUBLIC },
  { route: 'GET /api/coupons/center', request: () => ({ path: '/api/coupons/center' }), expect: PUBLIC },
  { route: 'GET /api/coupons/shareable', request: () => ({ path: '/api/coupons/shareable' }), expect: PUBLIC },
  { route: 'GET /api/points/exchange', request: () => ({ path: '/api/points/exchange' }), expect: PUBLIC },
  { route: 'GET /api/cart/nudge', request: (f) => ({ path: '/api/cart/nudge', query: { skuId: f.sku.id } }), expect: PUBLIC },
  {
    route: 'POST /api/visits',
    request: (f) => ({
      path: '/api/visits',
      body: { targetType: 'group', targetId: f.group.id, sharerId: f.signedIn.custA.memberId, scene: '1007' },
    }),
    expect: PUBLIC,
  },
  {
    route: 'GET /api/coupon-shares/{id}',
    request: (f) => ({ path: `/api/coupon-shares/${f.share.id}` }),
    expect: PUBLIC,
    // The landing page is public by design (friends open it from a card); only A sees it as theirs.
    check: (who, res) => expect((res.body as { mine: boolean }).mine).toBe(who === 'custA'),
  },

  // ── The member's own things: no id, so nobody reaches another's ─────────────────────────
  {
    route: 'GET /api/me',
    request: () => ({ path: '/api/me' }),
    expect: MEMBER,
    check: (who, res, f) => expect((res.body as { id: number }).id).toBe(f.signedIn[who as Exclude<Actor, 'anon'>].memberId),
  },
  { route: 'PATCH /api/me', request: () => ({ path: '/api/me', body: { nickname: '矩阵测试' } }), expect: MEMBER },
  { route: 'POST /api/me/phone', request: () => ({ path: '/api/me/phone', body: { code: 'not-a-phone-code' } }), expect: MEMBER },
  {
    route: 'GET /api/me/points',
    request: () => ({ path: '/api/me/points' }),
    expect: MEMBER,
    // A earned points at the handover; nobody else sees A's ledger.
    check: (who, res) => {
      const items = (res.body as { items: { reference: string | null }[] }).items;
      if (who === 'custA') expect(items.length).toBeGreaterThan(0);
      if (who === 'custB') expect(items).toEqual([]);
    },
  },
  { route: 'GET /api/me/member-code', request: () => ({ path: '/api/me/member-code' }), expect: MEMBER },
  {
    route: 'GET /api/me/groups',
    request: () => ({ path: '/api/me/groups' }),
    expect: MEMBER,
    // A opened a group; B sees none of it.
    check: (who, res) => {
      if (who === 'custA') expect(idsOf(res).length).toBeGreaterThan(0);
      if (who === 'custB') expect(idsOf(res)).toEqual([]);
    },
  },
  {
    route: 'GET /api/me/coupons',
    request: () => ({ path: '/api/me/coupons' }),
    expect: MEMBER,
    check: (who, res, f) => {
      const mine = idsOf(res).includes(f.coupons.forCode);
      expect(mine).toBe(who === 'custA');
    },
  },
  { route: 'GET /api/cart', request: () => ({ path: '/api/cart' }), expect: MEMBER },
  { route: 'POST /api/cart/items', request: (f) => ({ path: '/api/cart/items', body: { skuId: f.sku.id, qty: 1 } }), expect: MEMBER },
  { route: 'PATCH /api/cart/items/{skuId}', request: (f) => ({ path: `/api/cart/items/${f.sku.id}`, body: { qty: 2 } }), expect: MEMBER },
  { route: 'DELETE /api/cart/items/{skuId}', request: (f) => ({ path: `/api/cart/items/${f.sku.id}` }), expect: MEMBER },
  {
    route: 'POST /api/cart/items/remove',
    request: (f) => ({ path: '/api/cart/items/remove', body: { skuIds: [f.sku.id] } }),
    expect: MEMBER,
  },
  // 收藏 is the caller's own list: nobody reaches another member's (bff/test/favorite).
  { route: 'GET /api/me/favorites', request: () => ({ path: '/api/me/favorites' }), expect: MEMBER },
  { route: 'GET /api/me/favorites/{productId}', request: (f) => ({ path: `/api/me/favorites/${f.product.id}` }), expect: MEMBER },
  { route: 'PUT /api/me/favorites/{productId}', request: (f) => ({ path: `/api/me/favorites/${f.product.id}` }), expect: MEMBER },
  { route: 'DELETE /api/me/favorites/{productId}', request: (f) => ({ path: `/api/me/favorites/${f.product.id}` }), expect: MEMBER },
  {
    route: 'GET /api/orders/counts',
    request: () => ({ path: '/api/orders/counts' }),
    expect: MEMBER,
    // Only A's own orders count: A has an unpaid one, B has none.
    check: (who, res) => {
      const { pendingPayment } = res.body as { pendingPayment: number };
      if (who === 'custA') expect(pendingPayment).toBeGreaterThan(0);
      if (who === 'custB') expect(pendingPayment).toBe(0);
    },
  },
  {
    route: 'GET /api/orders',
    request: () => ({ path: '/api/orders', query: { status: 'all' } }),
    expect: MEMBER,
    check: (who, res, f) => expect(idsOf(res).includes(f.orders.preparing)).toBe(who === 'custA'),
  },
  { route: 'POST /api/lives/{id}/drops/{dropId}/claim', request: () => ({ path: '/api/lives/1/drops/1/claim' }), expect: MEMBER },
  // Room 2 is the second seeded room (LIVE-HOME-01, 预告 for a day).
  { route: 'PUT /api/lives/{id}/reminder', request: () => ({ path: '/api/lives/2/reminder' }), expect: MEMBER },
  { route: 'DELETE /api/lives/{id}/reminder', request: () => ({ path: '/api/lives/2/reminder' }), expect: MEMBER },
  {
    route: 'POST /api/coupons/claim',
    request: (f) => ({ path: '/api/coupons/claim', body: { templateId: f.coupons.templateId } }),
    expect: MEMBER,
  },
  {
    route: 'POST /api/points/exchange',
    request: (f) => ({ path: '/api/points/exchange', body: { itemId: f.exchangeItemId ?? 1 }, headers: key() }),
    expect: MEMBER,
  },
  { route: 'POST /api/coupons/scan', request: (f) => ({ path: '/api/coupons/scan', body: { token: f.claimToken.token } }), expect: MEMBER },
  {
    route: 'POST /api/coupon-shares',
    request: (f) => ({ path: '/api/coupon-shares', body: { templateId: f.share.templateId } }),
    expect: MEMBER,
  },
  {
    route: 'POST /api/coupon-shares/{id}/claim',
    request: (f) => ({ path: `/api/coupon-shares/${f.share.id}/claim`, body: { scene: '1007' } }),
    // Friends claim from A's pack; A cannot claim from their own (422 COUPON_SHARE_OWN_PACK).
    expect: cells('ok', { anon: 401, custA: 422 }),
  },
  {
    route: 'POST /api/shares',
    request: (f) => ({ path: '/api/shares', body: { type: 'group', targetId: f.group.id, medium: 'card' } }),
    expect: MEMBER,
  },

  // ── Customer A's orders and coupons by id ───────────────────────────────────────────────
  { route: 'GET /api/orders/{id}', request: (f) => ({ path: `/api/orders/${f.orders.pickup}` }), expect: OWNED_BY_A() },
  {
    route: 'GET /api/orders/{id}',
    variant: "A's group order (group payment details)",
    request: (f) => ({ path: `/api/orders/${f.orders.group}` }),
    expect: OWNED_BY_A(),
  },
  { route: 'POST /api/orders/{id}/pay', request: (f) => ({ path: `/api/orders/${f.orders.pending}/pay` }), expect: OWNED_BY_A() },
  {
    route: 'POST /api/orders/{id}/pay',
    variant: "A's paid group order",
    request: (f) => ({ path: `/api/orders/${f.orders.group}/pay` }),
    expect: OWNED_BY_A(),
  },
  { route: 'POST /api/orders/{id}/cancel', request: (f) => ({ path: `/api/orders/${f.orders.pending}/cancel` }), expect: OWNED_BY_A() },
  {
    route: 'POST /api/orders/{id}/refund-requests',
    request: (f) => ({ path: `/api/orders/${f.orders.refundable}/refund-requests`, body: { reason: '不想要了' }, headers: key() }),
    expect: OWNED_BY_A(),
  },
  {
    route: 'GET /api/orders/{id}/after-sale-options',
    request: (f) => ({ path: `/api/orders/${f.afterSales.order}/after-sale-options` }),
    expect: OWNED_BY_A(),
  },
  {
    route: 'POST /api/orders/{id}/after-sales',
    // A's line already has an open request: A gets the rule's 422, everyone else 404.
    request: (f) => ({
      path: `/api/orders/${f.afterSales.order}/after-sales`,
      body: { type: 'exchange', reason: 'wrong_size', lines: [{ orderLineId: 1, qty: 1, exchangeSkuId: 1 }] },
      headers: key(),
    }),
    expect: OWNED_BY_A(),
  },
  { route: 'GET /api/after-sales/{id}', request: (f) => ({ path: `/api/after-sales/${f.afterSales.reviewed}` }), expect: OWNED_BY_A() },
  {
    route: 'POST /api/after-sales/{id}/cancel',
    request: (f) => ({ path: `/api/after-sales/${f.afterSales.withdrawn}/cancel` }),
    expect: OWNED_BY_A(),
  },
  {
    route: 'GET /api/me/after-sales',
    request: () => ({ path: '/api/me/after-sales' }),
    expect: MEMBER,
    check: (who, res, f) => expect(idsOf(res).includes(f.afterSales.reviewed)).toBe(who === 'custA'),
  },
  // Uploads take multipart; a JSON body is the caller's 400 once signed in.
  { route: 'POST /api/media', request: () => ({ path: '/api/media', body: { file: 'x' } }), expect: MEMBER },
  {
    route: 'GET /api/me/coupons/{id}/code',
    request: (f) => ({ path: `/api/me/coupons/${f.coupons.forCode}/code` }),
    expect: OWNED_BY_A(),
  },
  {
    route: 'POST /api/checkout/quote',
    variant: "with A's coupon",
    request: (f) => ({
      path: '/api/checkout/quote',
      body: {
        items: [{ skuId: f.skuForOrders, qty: 1 }],
        fulfillment: { type: 'pickup', storeId: f.store1 },
        couponId: f.coupons.forOrder,
      },
    }),
    // Only coupons the member holds can be chosen (docs/domain.md#pricing: 422 COUPON_UNAVAILABLE).
    expect: OWNED_BY_A(422),
  },
  {
    route: 'POST /api/orders',
    variant: "with A's coupon",
    request: (f) => ({
      path: '/api/orders',
      body: {
        items: [{ skuId: f.skuForOrders, qty: 1 }],
        fulfillment: { type: 'pickup', storeId: f.store1 },
        couponId: f.coupons.forOrder,
      },
      headers: key(),
    }),
    expect: OWNED_BY_A(422),
  },

  // ── Staff: every store's own, nothing of another's ──────────────────────────────────────
  {
    route: 'GET /api/staff/members/by-number/{memberNo}',
    request: (f) => ({ path: `/api/staff/members/by-number/${memberNumberOf(f.signedIn.custA.memberId)}` }),
    // Any staff member (head office too) looks a customer up by 会员号; customers may not.
    expect: cells('ok', { anon: 401, custA: 403, custB: 403 }),
    refusal: { custA: STAFF_ONLY, custB: STAFF_ONLY },
  },
  {
    route: 'POST /api/staff/members/resolve',
    request: (f) => ({ path: '/api/staff/members/resolve', body: { code: f.memberCode } }),
    // A member code works in every store; the first scan burns it (then 409 MEMBER_CODE_USED).
    expect: ANY_STORE('clerk'),
    refusal: refusalAnyStore('clerk'),
  },
  {
    route: 'GET /api/staff/orders',
    request: (f) => ({ path: '/api/staff/orders', query: { status: 'preparing', storeId: f.store1 } }),
    expect: STORE_1('clerk'),
    refusal: refusalAt1('clerk'),
  },
  {
    route: 'GET /api/staff/orders',
    variant: 'my own store',
    request: () => ({ path: '/api/staff/orders', query: { status: 'preparing' } }),
    expect: cells('ok', { anon: 401, custA: 403, custB: 403, admin: 400 }),
    check: (who, res, f) => expect(idsOf(res).includes(f.orders.preparing)).toBe(who === 'clerk1' || who === 'manager1'),
  },
  {
    route: 'POST /api/staff/orders/{id}/ready',
    request: (f) => ({ path: `/api/staff/orders/${f.orders.preparing}/ready` }),
    expect: STORE_1('clerk'),
    refusal: refusalAt1('clerk'),
  },
  {
    route: 'POST /api/staff/pickups/verify',
    request: (f) => ({ path: '/api/staff/pickups/verify', body: { code: f.pickupCode, storeId: f.store1 } }),
    expect: STORE_1('clerk'),
    refusal: refusalAt1('clerk'),
  },
  {
    route: 'POST /api/staff/pickups/verify',
    variant: 'my own store',
    request: (f) => ({ path: '/api/staff/pickups/verify', body: { code: f.pickupCode } }),
    // Store 2 looks the code up among its own codes only; head office must name a store.
    expect: { ...STORE_1('clerk'), clerk2: 404, manager2: 404, admin: 400 },
  },
  {
    route: 'POST /api/staff/pickups/{orderId}/confirm',
    request: (f) => ({ path: `/api/staff/pickups/${f.orders.pickup}/confirm`, body: { code: f.pickupCode } }),
    expect: STORE_1('clerk'),
    refusal: refusalAt1('clerk'),
  },
  {
    route: 'POST /api/staff/pickups/unlock',
    request: (f) => ({ path: '/api/staff/pickups/unlock', body: { storeId: f.store1 } }),
    expect: STORE_1('manager'),
    refusal: refusalAt1('manager'),
  },
  {
    route: 'GET /api/staff/metrics',
    request: (f) => ({ path: '/api/staff/metrics', query: { storeId: f.store1 } }),
    expect: STORE_1('manager'),
    refusal: refusalAt1('manager'),
  },
  {
    route: 'GET /api/staff/inventory',
    request: (f) => ({ path: '/api/staff/inventory', query: { storeId: f.store1 } }),
    expect: STORE_1('clerk'),
    refusal: refusalAt1('clerk'),
  },
  {
    route: 'POST /api/staff/inventory/receive',
    request: (f) => ({
      path: '/api/staff/inventory/receive',
      body: { storeId: f.store1, skuId: f.sku.id, qty: 1, note: '矩阵' },
      headers: key(),
    }),
    expect: STORE_1('manager'),
    refusal: refusalAt1('manager'),
  },
  {
    route: 'POST /api/staff/inventory/adjust',
    request: (f) => ({
      path: '/api/staff/inventory/adjust',
      body: { storeId: f.store1, skuId: f.sku.id, delta: 1, note: '盘点' },
      headers: key(),
    }),
    expect: STORE_1('manager'),
    refusal: refusalAt1('manager'),
  },
  {
    route: 'POST /api/staff/inventory/transfer',
    request: (f) => ({
      path: '/api/staff/inventory/transfer',
      body: { fromStoreId: f.store1, toStoreId: f.store2, skuId: f.sku.id, qty: 1 },
      headers: key(),
    }),
    expect: STORE_1('manager'),
    refusal: refusalAt1('manager'),
  },
  {
    route: 'GET /api/staff/sales/summary',
    request: (f) => ({ path: '/api/staff/sales/summary', query: { storeId: f.store1 } }),
    expect: STORE_1('clerk'),
    refusal: refusalAt1('clerk'),
  },
  {
    route: 'POST /api/staff/sales/quote',
    request: (f) => ({ path: '/api/staff/sales/quote', body: { storeId: f.store1, items: [{ skuId: f.sku.id, qty: 1 }] } }),
    expect: STORE_1('clerk'),
    refusal: refusalAt1('clerk'),
  },
  {
    route: 'POST /api/staff/sales',
    request: (f) => ({
      path: '/api/staff/sales',
      body: { storeId: f.store1, items: [{ skuId: f.sku.id, qty: 1 }], payMethod: 'offline_cash' },
      headers: key(),
    }),
    expect: STORE_1('clerk'),
    refusal: refusalAt1('clerk'),
  },
  {
    route: 'POST /api/staff/sales/quote',
    variant: 'A by id, never resolved by this staff member',
    request: (f) => ({
      path: '/api/staff/sales/quote',
      body: { items: [{ skuId: f.sku.id, qty: 1 }], memberId: f.signedIn.custA.memberId },
    }),
    // Quoting for a member by id needs this staff member's own scan (422 MEMBER_NOT_RESOLVED).
    // clerk1 scanned A's code in the resolve row above, so only clerk1's quote names A.
    expect: { ...ANY_STORE('clerk'), clerk2: 422, manager1: 422, manager2: 422, admin: 400 },
  },
  {
    route: 'POST /api/staff/coupons/preview',
    request: (f) => ({ path: '/api/staff/coupons/preview', body: { code: f.coupons.code, storeId: f.store1 } }),
    expect: STORE_1('clerk'),
    refusal: refusalAt1('clerk'),
  },
  {
    route: 'POST /api/staff/coupons/preview',
    variant: "A's coupon for store 1 only, at my own store",
    request: (f) => ({ path: '/api/staff/coupons/preview', body: { code: f.coupons.store1Code } }),
    // Another store reads it and is told it cannot take it (usable: false, COUPON_NOT_FOR_STORE); head office names a store.
    expect: { ...ANY_STORE('clerk'), admin: 400 },
    check: (who, res) => expect((res.body as { usable: boolean }).usable).toBe(who === 'clerk1' || who === 'manager1'),
  },
  {
    route: 'POST /api/staff/coupons/redeem',
    variant: "A's coupon for store 1 only, at my own store",
    request: (f) => ({ path: '/api/staff/coupons/redeem', body: { code: f.coupons.store1Code } }),
    expect: { ...ANY_STORE('clerk'), clerk2: 422, manager2: 422, admin: 400 },
  },
  {
    route: 'POST /api/staff/coupons/redeem',
    request: (f) => ({ path: '/api/staff/coupons/redeem', body: { code: f.coupons.code, storeId: f.store1 } }),
    expect: STORE_1('clerk'),
    refusal: refusalAt1('clerk'),
  },
  { route: 'GET /api/staff/coupon-templates', request: () => ({ path: '/api/staff/coupon-templates' }), expect: ANY_STORE('clerk') },
  {
    route: 'GET /api/staff/coupon-tokens',
    request: () => ({ path: '/api/staff/coupon-tokens' }),
    expect: ANY_STORE('clerk'),
    check: (who, res, f) => expect(idsOf(res).includes(f.claimToken.id)).toBe(who === 'clerk1' || who === 'manager1' || who === 'admin'),
  },
  {
    route: 'POST /api/staff/coupon-tokens',
    request: (f) => ({ path: '/api/staff/coupon-tokens', body: { templateId: f.claimToken.templateId, expiresInMinutes: 30 } }),
    expect: ANY_STORE('clerk'),
    refusal: refusalAnyStore('clerk'),
  },
  {
    route: 'GET /api/staff/coupon-tokens/{id}/qrcode',
    request: (f) => ({ path: `/api/staff/coupon-tokens/${f.claimToken.id}/qrcode` }),
    expect: STORE_1('clerk'),
    refusal: refusalAt1('clerk'),
  },
  {
    route: 'POST /api/staff/coupon-tokens/{id}/revoke',
    request: (f) => ({ path: `/api/staff/coupon-tokens/${f.claimToken.id}/revoke` }),
    expect: STORE_1('clerk'),
    refusal: refusalAt1('clerk'),
  },
  {
    route: 'GET /api/staff/refund-requests',
    request: (f) => ({ path: '/api/staff/refund-requests', query: { storeId: f.store1, status: 'all' } }),
    expect: STORE_1('manager'),
    refusal: refusalAt1('manager'),
  },
  {
    route: 'GET /api/staff/refund-requests',
    variant: 'my own store',
    request: () => ({ path: '/api/staff/refund-requests', query: { status: 'all' } }),
    expect: ANY_STORE('manager'),
    check: (who, res, f) => expect(idsOf(res).includes(f.refunds.approve)).toBe(who === 'manager1' || who === 'admin'),
  },
  {
    route: 'POST /api/staff/refund-requests/{id}/approve',
    request: (f) => ({ path: `/api/staff/refund-requests/${f.refunds.approve}/approve` }),
    expect: STORE_1('manager'),
    refusal: refusalAt1('manager'),
  },
  {
    route: 'POST /api/staff/refund-requests/{id}/reject',
    request: (f) => ({ path: `/api/staff/refund-requests/${f.refunds.reject}/reject`, body: { note: '商品已拆封' } }),
    expect: STORE_1('manager'),
    refusal: refusalAt1('manager'),
  },
  {
    route: 'POST /api/staff/refund-requests/{id}/retry',
    request: (f) => ({ path: `/api/staff/refund-requests/${f.refunds.approve}/retry` }),
    expect: STORE_1('manager'),
    refusal: refusalAt1('manager'),
  },
  {
    route: 'GET /api/staff/after-sales',
    request: (f) => ({ path: '/api/staff/after-sales', query: { storeId: f.store1, status: 'all' } }),
    expect: STORE_1('manager'),
    refusal: refusalAt1('manager'),
  },
  {
    route: 'GET /api/staff/after-sales',
    variant: 'my own store',
    request: () => ({ path: '/api/staff/after-sales', query: { status: 'all' } }),
    expect: ANY_STORE('manager'),
    check: (who, res, f) => expect(idsOf(res).includes(f.afterSales.reviewed)).toBe(who === 'manager1' || who === 'admin'),
  },
  // One request walks the steps: the first allowed caller moves it, later ones get the state's 409 (or 422).
  ...(['approve', 'reject', 'receive', 'hand-over'] as const).map((step): Row => ({
    route: `POST /api/staff/after-sales/{id}/${step}`,
    request: (f) => ({
      path: `/api/staff/after-sales/${f.afterSales.reviewed}/${step}`,
      body: step === 'reject' ? { note: '吊牌缺失' } : {},
    }),
    expect: STORE_1('manager'),
    refusal: refusalAt1('manager'),
  })),

  // ── Head office only ────────────────────────────────────────────────────────────────────
  {
    route: 'POST /api/admin/staff',
    request: (f) => ({ path: '/api/admin/staff', body: { memberId: f.bindee.memberId, storeId: f.store2, role: 'clerk' } }),
    expect: ADMIN,
  },
  { route: 'DELETE /api/admin/staff/{memberId}', request: (f) => ({ path: `/api/admin/staff/${f.bindee.memberId}` }), expect: ADMIN },
  {
    route: 'PATCH /api/admin/products/{id}',
    request: (f) => ({ path: `/api/admin/products/${f.product.id}`, body: { subtitle: f.product.subtitle } }),
    expect: ADMIN,
  },
  {
    route: 'PATCH /api/admin/skus/{id}',
    request: (f) => ({ path: `/api/admin/skus/${f.sku.id}`, body: { priceFen: f.sku.priceFen } }),
    expect: ADMIN,
  },
  { route: 'GET /api/admin/coupon-templates', request: () => ({ path: '/api/admin/coupon-templates' }), expect: ADMIN },
  {
    route: 'POST /api/admin/coupon-templates',
    request: () => ({
      path: '/api/admin/coupon-templates',
      body: {
        name: '矩阵券',
        kind: 'no_threshold',
        amountOffFen: 100,
        source: 'center',
        validity: 'relative',
        validDays: 7,
        totalQuantity: 10,
      },
    }),
    expect: ADMIN,
  },
  {
    route: 'GET /api/admin/coupon-templates/{id}',
    request: (f) => ({ path: `/api/admin/coupon-templates/${f.adminTemplateId}` }),
    expect: ADMIN,
  },
  {
    route: 'PATCH /api/admin/coupon-templates/{id}',
    request: (f) => ({ path: `/api/admin/coupon-templates/${f.adminTemplateId}`, body: { description: '矩阵' } }),
    expect: ADMIN,
  },
  // Following the schedule again (null) changes nothing for the seeded room the other rows read.
  {
    route: 'PUT /api/admin/lives/{id}/status-override',
    request: () => ({ path: '/api/admin/lives/1/status-override', body: { override: null } }),
    expect: ADMIN,
  },
  {
    route: 'POST /api/admin/coupon-templates/{id}/pause',
    request: (f) => ({ path: `/api/admin/coupon-templates/${f.adminTemplateId}/pause` }),
    expect: ADMIN,
  },
  {
    route: 'POST /api/admin/coupon-templates/{id}/resume',
    request: (f) => ({ path: `/api/admin/coupon-templates/${f.adminTemplateId}/resume` }),
    expect: ADMIN,
  },
  {
    route: 'POST /api/admin/coupon-templates/{id}/end',
    request: (f) => ({ path: `/api/admin/coupon-templates/${f.adminTemplateId}/end` }),
    expect: ADMIN,
  },
];
const ROWS = TABLE.map((row) => (row.expect === ADMIN && !row.refusal ? { ...row, refusal: adminRefusal } : row));

let h: Harness;
/** The seed's flash sale of tomorrow 10:00 (FS-D1-1000-SHAMPOO), still to come whenever the run starts. */
async function comingSaleId(): Promise<number> {
  const [sale] = await h.deps.db.select({ id: flashSales.id }).from(flashSales).where(eq(flashSales.code, 'FS-D1-1000-SHAMPOO'));
  return sale.id;
}
let f: Fixtures;

beforeAll(async () => {
  h = await startHarness('authz');
  f = await buildFixtures(h);
}, 120_000);
afterAll(async () => {
  await h?.close();
});

async function send(row: Row, who: Actor): Promise<Res> {
  const req = await row.request(f, who);
  const [method] = row.route.split(' ');
  let auth: Record<string, string> = {};
  if (who !== 'anon') auth = req.freshSession ? await freshAuth(who) : f.signedIn[who].auth;
  const call = request(h.base)
    [method.toLowerCase() as 'get' | 'post' | 'patch' | 'delete'](req.path)
    .query(req.query ?? {})
    .set({ 'User-Agent': 'authz-matrix', ...auth, ...req.headers });
  const res = req.body === undefined ? await call : await call.send(req.body as object);
  return { status: res.status, body: res.body };
}

async function freshAuth(who: Exclude<Actor, 'anon'>): Promise<Record<string, string>> {
  const code = await h.sandbox.loginCode(OPENIDS[who]);
  const res = await request(h.base).post('/api/auth/login').send({ code });
  return { Authorization: `Bearer ${res.body.token}` };
}

function matches(cell: Cell, status: number): boolean {
  if (cell === 'ok') return status < 500 && ![401, 403, 404].includes(status);
  return status === cell;
}

describe('authorization matrix', () => {
  it('has a row for every route of the OpenAPI document, and none for a route it does not have', async () => {
    const doc = (await request(h.base).get('/api/openapi.json')).body as { paths: Record<string, Record<string, unknown>> };
    const documented = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops).map((method) => `${method.toUpperCase()} ${path}`),
    );
    const covered = new Set(ROWS.map((r) => r.route));
    expect(documented.filter((route) => !covered.has(route))).toEqual([]);
    expect([...covered].filter((route) => !documented.includes(route))).toEqual([]);
    expect(documented.length).toBeGreaterThan(70);
  });

  it.each(ROWS.map((row) => [row.variant ? `${row.route} (${row.variant})` : row.route, row] as const))('%s', async (_name, row) => {
    // Denied callers first, side by side (a refusal changes nothing), so an allowed caller's write
    // cannot hide what a denied one could do; then the allowed ones one after the other.
    const denied = ACTORS.filter((who) => row.expect[who] !== 'ok');
    const allowed = ACTORS.filter((who) => row.expect[who] === 'ok');
    const answers: [Actor, Res][] = await Promise.all(denied.map(async (who) => [who, await send(row, who)] as [Actor, Res]));
    for (const who of allowed) answers.push([who, await send(row, who)]);
    const wrong: string[] = [];
    const seen: string[] = [];
    for (const [who, res] of answers) {
      seen.push(`${who}=${res.status}`);
      const cell = row.expect[who];
      const body = JSON.stringify(res.body)?.slice(0, 200);
      if (!matches(cell, res.status)) {
        wrong.push(`${who}: expected ${cell}, got ${res.status} ${body}`);
        continue;
      }
      const message = row.refusal?.[who];
      if (cell === 403 && message && (res.body as { message?: string }).message !== message) {
        wrong.push(`${who}: 403 should say ${message}, says ${body}`);
      }
      if (cell === 404 && /"code":"ROUTE_NOT_FOUND"/.test(body ?? '')) wrong.push(`${who}: the route itself is missing`);
      if (cell === 'ok' && row.check) {
        try {
          row.check(who, res, f);
        } catch (err) {
          wrong.push(`${who}: ${(err as Error).message.split('\n').slice(0, 6).join(' ')}`);
        }
      }
    }
    if (process.env.AUTHZ_MATRIX_PRINT) process.stdout.write(`${row.route}${row.variant ? ` (${row.variant})` : ''}: ${seen.join(' ')}\n`);
    expect(wrong).toEqual([]);
  });
});
