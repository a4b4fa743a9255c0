import { randomUUID } from 'node:crypto';
import { and, asc, count, eq, gte, like } from 'drizzle-orm';
import { inventory, inventoryLedger, skus, staffAuditLog } from '@shop/db';
import { seedDemo } from '@shop/db/seed';
import request from 'supertest';
import { buildApp } from '../../src/app';
import { checkLedger, reserve, sellOffline } from '../../src/modules/inventory/service';
import { testClock } from '../support/clock';
import { createTestDeps, type TestDeps } from '../support/deps';
import { startTestSandbox, type TestSandbox } from '../support/sandbox';
import { inTx, ref, stockOf, system } from './helpers';

type Auth = { Authorization: string };

describe('staff inventory endpoints', () => {
  let sandbox: TestSandbox;
  let deps: TestDeps;
  let server: ReturnType<ReturnType<typeof buildApp>['callback']>;
  const clock = testClock(new Date('2026-11-22T04:00:00.000Z'));
  let clerk: Auth;
  let manager: Auth;
  let admin: Auth;
  let customer: Auth;
  let home: number; // the store of demo-clerk-1 / demo-manager-1
  let other: number; // another store (demo-clerk-2's)
  let third: number;
  /** Seeded SKUs with at least 30 on hand at the home store, one per test that changes stock. */
  let stocked: number[];

  beforeAll(async () => {
    sandbox = await startTestSandbox();
    deps = await createTestDeps({ label: 'inv_staff', wechat: sandbox.wechat, now: clock.now });
    await seedDemo(deps.db, clock.now());
    server = buildApp(deps).callback();
    let login = await loginAs('demo-clerk-1');
    clerk = login.auth;
    home = login.storeId as number;
    manager = (await loginAs('demo-manager-1')).auth;
    admin = (await loginAs('demo-admin')).auth;
    customer = (await loginAs('demo-customer-1')).auth;
    login = await loginAs('demo-clerk-2');
    other = login.storeId as number;
    third = (await loginAs('demo-clerk-3')).storeId as number;
    const rows = await deps.db
      .select({ skuId: inventory.skuId })
      .from(inventory)
      .where(and(eq(inventory.storeId, home), gte(inventory.onHand, 30)))
      .orderBy(asc(inventory.skuId))
      .limit(20);
    stocked = rows.map((r) => r.skuId);
  });
  afterAll(async () => {
    expect(await checkLedger(deps.db)).toEqual([]);
    await deps.close();
    await sandbox.close();
  });

  async function loginAs(openid: string): Promise<{ auth: Auth; storeId: number | null }> {
    const res = await request(server)
      .post('/api/auth/login')
      .send({ code: await sandbox.loginCode(openid) });
    expect(res.status).toBe(200);
    return { auth: { Authorization: `Bearer ${res.body.token}` }, storeId: res.body.user.staff?.storeId ?? null };
  }

  const list = (auth: Auth, query = '') => request(server).get(`/api/staff/inventory${query}`).set(auth);
  const post = (path: string, auth: Auth, body: object, key: string | null = randomUUID()) => {
    const req = request(server).post(`/api/staff/inventory/${path}`).set(auth);
    return (key === null ? req : req.set('Idempotency-Key', key)).send(body);
  };
  const ledgerCount = async (skuId: number) =>
    (await deps.db.select({ n: count() }).from(inventoryLedger).where(eq(inventoryLedger.skuId, skuId)))[0].n;
  const auditRows = (action: string, skuId: number) =>
    deps.db
      .select()
      .from(staffAuditLog)
      .where(and(eq(staffAuditLog.action, action), eq(staffAuditLog.targetId, String(skuId))));

  describe('GET /api/staff/inventory', () => {
    it('lists the clerk’s own store with names, stock and sellable quantities', async () => {
      const res = await list(clerk);
      expect(res.status).toBe(200);
      const [{ n: skuCount }] = await deps.db.select({ n: count() }).from(skus);
      expect(res.body.total).toBe(skuCount);
      expect(res.body.items).toHaveLength(20);
      const item = res.body.items[0];
      const [row] = await deps.db
        .select()
        .from(inventory)
        .where(and(eq(inventory.skuId, item.skuId), eq(inventory.storeId, home)));
      expect(item).toEqual({
        skuId: row.skuId,
        productId: expect.any(Number),
        skuCode: expect.any(String),
        title: expect.any(String),
        specText: expect.any(String),
        barcode: expect.stringMatching(/^\d{13}$/),
        imageUrl: expect.any(String),
        onHand: row.onHand,
        reserved: row.reserved,
        safetyStock: row.safetyStock,
        sellableOnline: Math.max(0, row.onHand - row.reserved - row.safetyStock),
        sellableAtTill: Math.max(0, row.onHand - row.reserved),
        sales7d: 0,
        low: false,
      });
      expect(item.title.length).toBeGreaterThan(0);
    });

    it('pages in a stable order', async () => {
      const page1 = await list(clerk, '?page=1&pageSize=5');
      const page2 = await list(clerk, '?page=2&pageSize=5');
      const both = await list(clerk, '?page=1&pageSize=10');
      expect([...page1.body.items, ...page2.body.items].map((i: { skuId: number }) => i.skuId)).toEqual(
        both.body.items.map((i: { skuId: number }) => i.skuId),
      );
    });

    it('searches by barcode or title', async () => {
      const [sku] = await deps.db.select().from(skus).where(eq(skus.id, stocked[0]));
      const byBarcode = await list(clerk, `?q=${sku.barcode}`);
      expect(byBarcode.body).toMatchObject({ total: 1, items: [{ skuId: sku.id, barcode: sku.barcode }] });
      const title: string = (await list(clerk, '?pageSize=1')).body.items[0].title;
      const word = title.slice(0, 2);
      const byTitle = await list(clerk, `?q=${encodeURIComponent(word)}&pageSize=100`);
      expect(byTitle.body.total).toBeGreaterThan(0);
      expect(byTitle.body.items.every((i: { title: string }) => i.title.includes(word))).toBe(true);
      // LIKE wildcards typed by the user are literal.
      expect((await list(clerk, '?q=%25')).body.total).toBe(0);
    });

    it('refuses another store to store staff with 403 and reveals nothing', async () => {
      const res = await list(clerk, `?storeId=${other}`);
      expect(res.status).toBe(403);
      expect(res.body).toEqual({ code: 'FORBIDDEN', message: '仅限本门店员工操作', requestId: expect.any(String) });
      expect((await list(manager, `?storeId=${other}`)).status).toBe(403);
    });

    it('refuses customers (403) and anonymous callers (401)', async () => {
      expect((await list(customer)).status).toBe(403);
      expect((await request(server).get('/api/staff/inventory')).status).toBe(401);
    });

    it('lets head office read any store, which it must name', async () => {
      const missing = await list(admin);
      expect(missing.status).toBe(400);
      expect(missing.body.code).toBe('VALIDATION_FAILED');
      const res = await list(admin, `?storeId=${other}&pageSize=1`);
      expect(res.status).toBe(200);
      const [row] = await deps.db
        .select()
        .from(inventory)
        .where(and(eq(inventory.skuId, res.body.items[0].skuId), eq(inventory.storeId, other)));
      expect(res.body.items[0].onHand).toBe(row.onHand);
      expect((await list(admin, '?storeId=999')).body.code).toBe('STORE_NOT_FOUND');
    });

    it.each(['?page=0', '?pageSize=101', '?lowOnly=maybe', '?storeId=abc'])('answers 400 to %s', async (query) => {
      expect((await list(clerk, query)).status).toBe(400);
    });

    it('lowOnly lists exactly the SKUs whose sellable stock will not cover twice the week’s sales', async () => {
      const sku = stocked[1];
      const at = new Date(clock.now().getTime() - 3_600_000);
      const { sellableOnline } = await stockOf(deps.db, sku, home);
      // Sell a third of what online could sell: 2 × sales exceeds what is left.
      const sold = Math.ceil(sellableOnline / 3);
      await inTx(deps.db, (tx) =>
        sellOffline(tx, { storeId: home, lines: [{ skuId: sku, qty: sold }], reference: ref('POS'), actor: system, at }),
      );
      const res = await list(clerk, '?lowOnly=true&pageSize=100');
      expect(res.body.total).toBe(res.body.items.length);
      expect(res.body.items.map((i: { skuId: number }) => i.skuId)).toContain(sku);
      expect(res.body.items.every((i: { low: boolean }) => i.low)).toBe(true);
      expect(res.body.items.find((i: { skuId: number }) => i.skuId === sku)).toMatchObject({ sales7d: sold, low: true });
      // The other store did not sell it.
      expect((await list(admin, `?storeId=${other}&lowOnly=1`)).body.items.map((i: { skuId: number }) => i.skuId)).not.toContain(sku);
    });
  });

  describe('POST /api/staff/inventory/adjust', () => {
    it('lets a manager correct stock with a reason: ledger row, audit row, new stock in the answer', async () => {
      const sku = stocked[2];
      const before = await stockOf(deps.db, sku, home);
      const key = randomUUID();
      const res = await post('adjust', manager, { skuId: sku, delta: -2, note: '盘点差异：破损 2 件' }, key);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        applied: true,
        stock: expect.objectContaining({ skuId: sku, onHand: before.onHand - 2, reserved: before.reserved }),
      });
      const [entry] = await deps.db
        .select()
        .from(inventoryLedger)
        .where(and(eq(inventoryLedger.skuId, sku), eq(inventoryLedger.kind, 'adjust')));
      expect(entry).toMatchObject({
        storeId: home,
        onHandDelta: -2,
        reservedDelta: 0,
        actorType: 'staff',
        note: '盘点差异：破损 2 件',
        createdAt: clock.now(),
      });
      expect(entry.reference).toContain(key);
      const audits = await auditRows('inventory.adjust', sku);
      expect(audits).toHaveLength(1);
      expect(audits[0]).toMatchObject({
        storeId: home,
        targetType: 'sku',
        detail: expect.objectContaining({ storeId: home, delta: -2, note: '盘点差异：破损 2 件' }),
      });
    });

    it('changes stock once for the same Idempotency-Key', async () => {
      const sku = stocked[3];
      const before = await stockOf(deps.db, sku, home);
      const key = randomUUID();
      const body = { skuId: sku, delta: 5, note: '盘盈' };
      const first = await post('adjust', manager, body, key);
      const again = await post('adjust', manager, body, key);
      expect(first.body.applied).toBe(true);
      expect(again.status).toBe(200);
      expect(again.body).toEqual({ applied: false, stock: first.body.stock });
      expect((await stockOf(deps.db, sku, home)).onHand).toBe(before.onHand + 5);
      expect(await auditRows('inventory.adjust', sku)).toHaveLength(1);
      // The same key with a different change is a client bug: 409, nothing changes.
      const reused = await post('adjust', manager, { ...body, delta: 6 }, key);
      expect(reused.status).toBe(409);
      expect(reused.body.code).toBe('REFERENCE_REUSED');
    });

    it('refuses clerks with 403 and changes nothing', async () => {
      const sku = stocked[4];
      const before = await ledgerCount(sku);
      const res = await post('adjust', clerk, { skuId: sku, delta: -1, note: '盘点' });
      expect(res.status).toBe(403);
      expect(await ledgerCount(sku)).toBe(before);
    });

    it('refuses a manager’s adjustment of another store with 403', async () => {
      const sku = stocked[4];
      const before = await ledgerCount(sku);
      expect((await post('adjust', manager, { storeId: other, skuId: sku, delta: 1, note: '盘点' })).status).toBe(403);
      expect(await ledgerCount(sku)).toBe(before);
    });

    it.each([
      [{ delta: 0, note: '盘点' }],
      [{ delta: 1.5, note: '盘点' }],
      [{ delta: -1, note: '' }],
      [{ delta: -1, note: '   ' }],
      [{ delta: -1 }],
      [{ delta: '-1', note: '盘点' }],
      [{ delta: 100_001, note: '盘点' }],
      [{ delta: -1, note: '盘点', onHand: 999 }],
      [{ delta: -1, note: '长'.repeat(256) }],
    ])('answers 400 to %p and changes nothing', async (patch) => {
      const sku = stocked[5];
      const before = { stock: await stockOf(deps.db, sku, home), ledger: await ledgerCount(sku) };
      const res = await post('adjust', manager, { skuId: sku, ...patch });
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect(await stockOf(deps.db, sku, home)).toEqual(before.stock);
      expect(await ledgerCount(sku)).toBe(before.ledger);
    });

    it('requires a well-formed Idempotency-Key', async () => {
      const sku = stocked[5];
      const missing = await post('adjust', manager, { skuId: sku, delta: 1, note: '盘点' }, null);
      expect(missing.status).toBe(400);
      expect(missing.body).toMatchObject({ code: 'IDEMPOTENCY_KEY_REQUIRED', message: expect.stringContaining('Idempotency-Key') });
      expect((await post('adjust', manager, { skuId: sku, delta: 1, note: '盘点' }, 'short')).body.code).toBe('IDEMPOTENCY_KEY_INVALID');
    });

    it('refuses to take on hand below what orders hold (422) and answers 404 for an unknown SKU', async () => {
      const sku = stocked[6];
      const { onHand } = await stockOf(deps.db, sku, home);
      await inTx(deps.db, (tx) => reserve(tx, { storeId: home, lines: [{ skuId: sku, qty: 3 }], reference: ref('SO'), actor: system }));
      const res = await post('adjust', manager, { skuId: sku, delta: -(onHand - 2), note: '盘亏' });
      expect(res.status).toBe(422);
      expect(res.body).toMatchObject({ code: 'STOCK_BELOW_RESERVED', message: '调整后的库存不能少于已被订单占用的数量' });
      expect((await stockOf(deps.db, sku, home)).onHand).toBe(onHand);
      const ok = await post('adjust', manager, { skuId: sku, delta: -(onHand - 3), note: '盘亏' });
      expect(ok.body.stock).toMatchObject({ onHand: 3, reserved: 3, sellableAtTill: 0 });
      expect((await post('adjust', manager, { skuId: 99_999_999, delta: 1, note: '盘点' })).body.code).toBe('SKU_NOT_FOUND');
    });

    it('lets head office adjust a store it names', async () => {
      const sku = stocked[7];
      const before = await stockOf(deps.db, sku, other);
      const res = await post('adjust', admin, { storeId: other, skuId: sku, delta: 1, note: '总部盘点' });
      expect(res.status).toBe(200);
      expect((await stockOf(deps.db, sku, other)).onHand).toBe(before.onHand + 1);
      expect((await post('adjust', admin, { skuId: sku, delta: 1, note: '总部盘点' })).status).toBe(400);
    });
  });

  describe('POST /api/staff/inventory/receive', () => {
    it('adds goods once per Idempotency-Key, with an audit row', async () => {
      const sku = stocked[8];
      const before = await stockOf(deps.db, sku, home);
      const key = randomUUID();
      const first = await post('receive', manager, { skuId: sku, qty: 12, note: '到货单 GRN-1' }, key);
      const again = await post('receive', manager, { skuId: sku, qty: 12, note: '到货单 GRN-1' }, key);
      expect(first.body).toMatchObject({ applied: true, stock: { onHand: before.onHand + 12 } });
      expect(again.body).toMatchObject({ applied: false, stock: { onHand: before.onHand + 12 } });
      expect(await auditRows('inventory.receive', sku)).toHaveLength(1);
      expect((await post('receive', clerk, { skuId: sku, qty: 1 })).status).toBe(403);
      expect((await post('receive', manager, { skuId: sku, qty: 0 })).status).toBe(400);
    });

    it('keys are per staff member: the same key from two staff members makes two receipts', async () => {
      const sku = stocked[9];
      const before = await stockOf(deps.db, sku, home);
      const key = randomUUID();
      expect((await post('receive', manager, { skuId: sku, qty: 1 }, key)).body.applied).toBe(true);
      expect((await post('receive', admin, { storeId: home, skuId: sku, qty: 1 }, key)).body.applied).toBe(true);
      expect((await stockOf(deps.db, sku, home)).onHand).toBe(before.onHand + 2);
    });
  });

  describe('POST /api/staff/inventory/transfer', () => {
    it('moves goods from the manager’s store to another, once per key', async () => {
      const sku = stocked[10];
      const from = await stockOf(deps.db, sku, home);
      const to = await stockOf(deps.db, sku, other);
      const key = randomUUID();
      const res = await post('transfer', manager, { skuId: sku, toStoreId: other, qty: 3 }, key);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ applied: true, from: { onHand: from.onHand - 3 }, to: { onHand: to.onHand + 3 } });
      expect((await post('transfer', manager, { skuId: sku, toStoreId: other, qty: 3 }, key)).body.applied).toBe(false);
      expect((await stockOf(deps.db, sku, home)).onHand).toBe(from.onHand - 3);
      expect(await auditRows('inventory.transfer', sku)).toHaveLength(1);
    });

    it('refuses more than the till could sell (422 OUT_OF_STOCK) and changes neither store', async () => {
      const sku = stocked[11];
      const from = await stockOf(deps.db, sku, home);
      const to = await stockOf(deps.db, sku, other);
      const res = await post('transfer', manager, { skuId: sku, toStoreId: other, qty: from.sellableAtTill + 1 });
      expect(res.status).toBe(422);
      expect(res.body).toMatchObject({ code: 'OUT_OF_STOCK', message: '库存不足' });
      expect(await stockOf(deps.db, sku, home)).toEqual(from);
      expect(await stockOf(deps.db, sku, other)).toEqual(to);
    });

    it('checks the stores: same store 400, unknown target 404, another source 403, admin names the source', async () => {
      const sku = stocked[12];
      expect((await post('transfer', manager, { skuId: sku, toStoreId: home, qty: 1 })).status).toBe(400);
      expect((await post('transfer', manager, { skuId: sku, toStoreId: 999, qty: 1 })).body.code).toBe('STORE_NOT_FOUND');
      expect((await post('transfer', manager, { fromStoreId: other, skuId: sku, toStoreId: third, qty: 1 })).status).toBe(403);
      expect((await post('transfer', clerk, { skuId: sku, toStoreId: other, qty: 1 })).status).toBe(403);
      expect((await post('transfer', admin, { skuId: sku, toStoreId: third, qty: 1 })).status).toBe(400);
      const before = await stockOf(deps.db, sku, other);
      const res = await post('transfer', admin, { fromStoreId: other, skuId: sku, toStoreId: third, qty: 1 });
      expect(res.status).toBe(200);
      expect(res.body.from.onHand).toBe(before.onHand - 1);
    });
  });

  it('documents the endpoints in OpenAPI', async () => {
    const doc = (await request(server).get('/api/openapi.json')).body;
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/staff/inventory',
        '/api/staff/inventory/adjust',
        '/api/staff/inventory/receive',
        '/api/staff/inventory/transfer',
      ]),
    );
  });

  it('left every store’s ledger consistent and no stray adjust rows', async () => {
    expect(await checkLedger(deps.db)).toEqual([]);
    const rows = await deps.db.select().from(inventoryLedger).where(like(inventoryLedger.reference, 'st%'));
    expect(rows.every((r) => r.actorType === 'staff' && r.actorId !== null)).toBe(true);
  });
});
