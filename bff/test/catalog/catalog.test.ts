import { and, eq, like } from 'drizzle-orm';
import { groupCampaigns, inventory, products, productSearchGrams, searchGrams, skus, stores } from '@shop/db';
import { seedDemo } from '@shop/db/seed';
import request from 'supertest';
import { buildApp } from '../../src/app';
import { createTestDeps, type TestDeps } from '../support/deps';
import { startTestSandbox, type TestSandbox } from '../support/sandbox';

type Summary = { id: number; title: string; brand: string; minPriceFen: number; salesCount: number; tags: string[] };

describe('catalog, search and stores on the demo retailer', () => {
  let sandbox: TestSandbox;
  let deps: TestDeps;
  let server: ReturnType<ReturnType<typeof buildApp>['callback']>;
  const seededAt = new Date('2026-11-22T02:00:00.000Z');

  beforeAll(async () => {
    sandbox = await startTestSandbox();
    deps = await createTestDeps({ label: 'catalog', wechat: sandbox.wechat, now: () => new Date(seededAt.getTime() + 3600_000) });
    await seedDemo(deps.db, seededAt);
    server = buildApp(deps).callback();
  });
  afterAll(async () => {
    await deps.close();
    await sandbox.close();
  });

  const list = async (query: Record<string, string | number>) => {
    const res = await request(server).get('/api/products').query(query);
    expect(res.status).toBe(200);
    return res.body as { items: Summary[]; total: number; brands: string[] };
  };
  const titlesOf = (body: { items: Summary[] }) => body.items.map((item) => item.title);

  describe('search', () => {
    it('finds 连衣裙 by Chinese, pinyin initials, a full-pinyin prefix and a mix', async () => {
      const dresses = (
        await deps.db
          .select()
          .from(products)
          .where(and(like(products.title, '%连衣裙%'), eq(products.status, 'on_sale')))
      ).map((p) => p.title);
      expect(dresses.length).toBeGreaterThan(0);
      const chinese = await list({ q: '连衣裙', pageSize: 50 });
      // Titles with the word, plus products filed under the 连衣裙 category.
      expect(titlesOf(chinese)).toEqual(expect.arrayContaining(dresses));
      for (const q of ['lyq', 'LYQ', 'lianyi', 'lianyiqun', '连衣裙 lyq', '连衣裙lyq']) {
        const found = titlesOf(await list({ q, pageSize: 50 }));
        expect(found).toEqual(expect.arrayContaining(titlesOf(chinese)));
      }
    });

    it.each(['', '   ', '%%%', '!!!', '_', "' OR 1=1 --", '😀', 'x'.repeat(200)])('never fails on %p', async (q) => {
      const res = await request(server).get('/api/products').query({ q });
      expect(res.status).toBe(200);
      expect(Array.isArray(res.body.items)).toBe(true);
    });

    it('finds 15.6英寸 by "15.6", "15", "15.6英寸" and "15.6yc", but not by a decimal it does not contain', async () => {
      for (const q of ['15.6', '15', '15.6英寸', '15.6yc', '15.6yingcun']) {
        expect(titlesOf(await list({ q, pageSize: 50 }))).toContain('商务通勤双肩包');
      }
      // "15.6" is one term now, not "15" and "6" anywhere in the text.
      expect(titlesOf(await list({ q: '15.7', pageSize: 50 }))).not.toContain('商务通勤双肩包');
      const code = await sandbox.loginCode('demo-admin');
      const token = (await request(server).post('/api/auth/login').send({ code })).body.token as string;
      const [other] = await deps.db.select().from(products).where(eq(products.title, '法式碎花连衣裙')).limit(1);
      const patched = await request(server)
        .patch(`/api/admin/products/${other.id}`)
        .set('Authorization', `Bearer ${token}`)
        .send({ subtitle: '6色可选 加厚15层' });
      expect(patched.status).toBe(200);
      expect(titlesOf(await list({ q: '15', pageSize: 50 }))).toContain('法式碎花连衣裙');
      expect(titlesOf(await list({ q: '15.6', pageSize: 50 }))).not.toContain('法式碎花连衣裙');
    });

    it('rebuilds search text an earlier seed wrote with the old tokenizer when the seed runs again', async () => {
      const [bag] = await deps.db.select().from(products).where(eq(products.title, '商务通勤双肩包'));
      // What the seed wrote before issue 13: the pinyin of "15.6英寸电脑仓" had lost "15.".
      const old = bag.searchText.replace('15.6yingcundiannaocang 15.6ycdnc', '6yingcundiannaocang 6ycdnc');
      expect(old).not.toBe(bag.searchText);
      await deps.db.update(products).set({ searchText: old }).where(eq(products.id, bag.id));
      await deps.db.delete(productSearchGrams).where(eq(productSearchGrams.productId, bag.id));
      await deps.db.insert(productSearchGrams).values(searchGrams(old).map((gram) => ({ gram, productId: bag.id })));

      await seedDemo(deps.db, seededAt);
      const [after] = await deps.db.select().from(products).where(eq(products.id, bag.id));
      expect(after.searchText).toBe(bag.searchText);
      const grams = await deps.db.select().from(productSearchGrams).where(eq(productSearchGrams.productId, bag.id));
      expect(new Set(grams.map((g) => g.gram))).toEqual(new Set(searchGrams(bag.searchText)));
      expect(titlesOf(await list({ q: '15.6ycdnc', pageSize: 50 }))).toContain('商务通勤双肩包');
    });

    it('answers an unmatched query with an empty page', async () => {
      expect(await list({ q: 'qqqzzzxxx' })).toMatchObject({ items: [], total: 0 });
    });

    it('filters by a top-level category including its subcategories', async () => {
      const tree = (await request(server).get('/api/categories')).body.items as { id: number; name: string; children: { id: number }[] }[];
      const womens = tree.find((c) => c.name === '女装')!;
      const all = await list({ categoryId: womens.id, pageSize: 50 });
      const perChild = await Promise.all(womens.children.map((child) => list({ categoryId: child.id, pageSize: 50 })));
      expect(all.total).toBe(perChild.reduce((sum, page) => sum + page.total, 0));
      expect(all.total).toBeGreaterThan(0);
    });

    it('filters by brand and price range; brands are offered for the matches', async () => {
      const everything = await list({ pageSize: 50 });
      const brand = everything.brands[0];
      const byBrand = await list({ brand, pageSize: 50 });
      expect(byBrand.items.every((item) => item.brand === brand)).toBe(true);
      const ranged = await list({ minPrice: 10_000, maxPrice: 20_000, pageSize: 50 });
      expect(ranged.items.every((item) => item.minPriceFen >= 10_000 && item.minPriceFen <= 20_000)).toBe(true);
      const exact = ranged.items[0];
      expect(titlesOf(await list({ minPrice: exact.minPriceFen, maxPrice: exact.minPriceFen, pageSize: 50 }))).toContain(exact.title);
    });

    it.each([
      ['price_asc', (a: Summary, b: Summary) => a.minPriceFen <= b.minPriceFen],
      ['price_desc', (a: Summary, b: Summary) => a.minPriceFen >= b.minPriceFen],
      ['sales', (a: Summary, b: Summary) => a.salesCount >= b.salesCount],
    ])('sorts by %s', async (sort, inOrder) => {
      const { items } = await list({ sort, pageSize: 50 });
      for (let i = 1; i < items.length; i++) expect(inOrder(items[i - 1], items[i])).toBe(true);
    });

    it('pages without overlap and knows the total; off-shelf products never show', async () => {
      const first = await list({ sort: 'price_asc', page: 1, pageSize: 7 });
      const second = await list({ sort: 'price_asc', page: 2, pageSize: 7 });
      expect(second.total).toBe(first.total);
      expect(first.items.map((i) => i.id).filter((id) => second.items.some((j) => j.id === id))).toEqual([]);
      const offShelf = await deps.db.select().from(products).where(eq(products.status, 'off_shelf'));
      expect(offShelf.length).toBeGreaterThan(0);
      const [onShelfCount] = [(await deps.db.select().from(products).where(eq(products.status, 'on_sale'))).length];
      expect(first.total).toBe(onShelfCount);
      const beyond = await list({ page: 100, pageSize: 50 });
      expect(beyond).toMatchObject({ items: [], total: onShelfCount });
    });

    it.each([{ pageSize: 51 }, { page: 0 }, { sort: 'random' }, { minPrice: -1 }, { categoryId: 'abc' }])(
      'refuses %p with 400',
      async (query) => {
        const res = await request(server).get('/api/products').query(query);
        expect(res.status).toBe(400);
        expect(res.body.code).toBe('VALIDATION_FAILED');
      },
    );
  });

  describe('product detail', () => {
    it('has SKUs with spec text and availability per store or overall, and its group buy', async () => {
      const [campaign] = await deps.db.select().from(groupCampaigns).limit(1);
      const res = await request(server).get(`/api/products/${campaign.productId}`);
      expect(res.status).toBe(200);
      expect(res.body.skus.length).toBeGreaterThan(0);
      expect(res.body.skus[0].specText).toEqual(expect.any(String));
      expect(res.body.activities.groupBuys).toEqual(
        expect.arrayContaining([expect.objectContaining({ id: campaign.id, groupPriceFen: campaign.groupPriceFen })]),
      );

      const sku = res.body.skus[0];
      const rows = await deps.db.select().from(inventory).where(eq(inventory.skuId, sku.id));
      const online = (r: (typeof rows)[number]) => Math.max(0, r.onHand - r.reserved - r.safetyStock);
      expect(sku.sellable).toBe(rows.reduce((sum, r) => sum + online(r), 0));
      const atStore = await request(server).get(`/api/products/${campaign.productId}`).query({ storeId: rows[0].storeId });
      expect(atStore.body.skus[0].sellable).toBe(online(rows[0]));
    });

    it('is 404 with a Chinese message for an unknown product', async () => {
      const res = await request(server).get('/api/products/999999');
      expect(res.status).toBe(404);
      expect(res.body).toMatchObject({ code: 'PRODUCT_NOT_FOUND', message: '商品不存在或已下架' });
    });
  });

  describe('cache invalidation', () => {
    it('shows an admin edit on the very next request, in detail and in search', async () => {
      const code = await sandbox.loginCode('demo-admin');
      const token = (await request(server).post('/api/auth/login').send({ code })).body.token as string;
      const [dress] = await deps.db.select().from(products).where(like(products.title, '%连衣裙%')).limit(1);
      await request(server).get(`/api/products/${dress.id}`); // warm the cache
      await list({ q: '连衣裙' });

      const patched = await request(server)
        .patch(`/api/admin/products/${dress.id}`)
        .set('Authorization', `Bearer ${token}`)
        .send({ title: '春日限定格纹半裙' });
      expect(patched.status).toBe(200);
      expect((await request(server).get(`/api/products/${dress.id}`)).body.title).toBe('春日限定格纹半裙');
      expect(titlesOf(await list({ q: 'crxd' }))).toContain('春日限定格纹半裙');

      const [cheapest] = await deps.db.select().from(skus).where(eq(skus.productId, dress.id)).limit(1);
      const priced = await request(server)
        .patch(`/api/admin/skus/${cheapest.id}`)
        .set('Authorization', `Bearer ${token}`)
        .send({ priceFen: 100 });
      expect(priced.status).toBe(204);
      const cheapFirst = await list({ sort: 'price_asc', pageSize: 1 });
      expect(cheapFirst.items[0]).toMatchObject({ id: dress.id, minPriceFen: 100 });
    });

    it('refuses product edits by non-admins', async () => {
      const code = await sandbox.loginCode('demo-manager-1');
      const token = (await request(server).post('/api/auth/login').send({ code })).body.token as string;
      const res = await request(server).patch('/api/admin/products/1').set('Authorization', `Bearer ${token}`).send({ title: 'x' });
      expect(res.status).toBe(403);
    });
  });

  describe('GET /api/stores', () => {
    it('orders by distance from the customer, and stably by id without a location', async () => {
      const rows = await deps.db.select().from(stores);
      for (const target of rows) {
        const res = await request(server)
          .get('/api/stores')
          .query({ lat: target.lat + 0.001, lng: target.lng });
        expect(res.body.items[0].id).toBe(target.id);
        const distances = res.body.items.map((s: { distanceMeters: number }) => s.distanceMeters);
        expect([...distances].sort((a, b) => a - b)).toEqual(distances);
      }
      const plain = await request(server).get('/api/stores');
      expect(plain.body.items.map((s: { id: number }) => s.id)).toEqual(rows.map((r) => r.id).sort((a, b) => a - b));
      expect(plain.body.items[0]).toMatchObject({ distanceMeters: null, inStock: null, openNow: expect.any(Boolean) });
    });

    it('says where the whole cart is in stock for online orders', async () => {
      const [zero] = await deps.db.select().from(inventory).where(eq(inventory.onHand, 0)).limit(1);
      const elsewhere = await deps.db.select().from(inventory).where(eq(inventory.skuId, zero.skuId));
      const res = await request(server)
        .get('/api/stores')
        .query({ skuIds: String(zero.skuId), qty: '1' });
      for (const store of res.body.items as { id: number; inStock: boolean }[]) {
        const row = elsewhere.find((r) => r.storeId === store.id)!;
        expect(store.inStock).toBe(row.onHand - row.reserved - row.safetyStock >= 1);
      }
      expect(res.body.items.find((s: { id: number }) => s.id === zero.storeId).inStock).toBe(false);
      // Asking for more than any store holds is never in stock.
      const tooMany = await request(server)
        .get('/api/stores')
        .query({ skuIds: `${zero.skuId},${zero.skuId}`, qty: '500,600' });
      expect(tooMany.body.items.every((s: { inStock: boolean }) => s.inStock === false)).toBe(true);
    });

    it.each([{ lat: '30.2' }, { skuIds: '1,2', qty: '1' }, { skuIds: 'a,b' }, { lat: '91', lng: '120' }])(
      'refuses %p with 400',
      async (query) => {
        const res = await request(server).get('/api/stores').query(query);
        expect(res.status).toBe(400);
      },
    );
  });

  describe('home slots', () => {
    it('lists the running flash sales, the group buys and the lives (live first)', async () => {
      // The seed's sale opening 15 minutes after it and its 场次 at 10:00, 14:00, 20:00 and tomorrow 10:00.
      const flash = (await request(server).get('/api/flashsales')).body.items as { title: string; state: string; startsAt: string }[];
      const serum = flash.find((sale) => sale.title === '限时秒杀 玻尿酸补水精华 30ml');
      expect(serum).toMatchObject({ state: 'running', soldPercent: 0, priceFen: expect.any(Number) });
      for (const sale of flash)
        expect(sale).toMatchObject({
          priceFen: expect.any(Number),
          state: Date.parse(sale.startsAt) > seededAt.getTime() + 3600_000 ? 'upcoming' : 'running',
        });
      expect(flash.map((sale) => Date.parse(sale.startsAt))).toEqual(flash.map((sale) => Date.parse(sale.startsAt)).sort((a, b) => a - b));

      const groups = (await request(server).get('/api/groupbuys')).body.items;
      expect(groups).toHaveLength(2);
      for (const g of groups) expect(g.groupPriceFen).toBeLessThan(g.listPriceFen);

      const lives = (await request(server).get('/api/lives')).body.items;
      expect(lives.map((l: { status: string }) => l.status)).toEqual(['live', 'scheduled']);
    });

    it('tags products with their running activities in lists', async () => {
      const [campaign] = await deps.db.select().from(groupCampaigns).limit(1);
      const { items } = await list({ pageSize: 50, sort: 'sales' });
      const tagged = [...items, ...(await list({ pageSize: 50, page: 2, sort: 'sales' })).items].find((i) => i.id === campaign.productId);
      expect(tagged?.tags).toContain('拼团');
    });
  });

  it('draws the demo pictures the seed refers to', async () => {
    const [product] = await deps.db.select().from(products).limit(1);
    const res = await request(server).get(product.images[0]).buffer(true);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('image/svg+xml');
    expect(Buffer.from(res.body).toString('utf8')).toContain([...product.title].slice(0, 12).join(''));
    const tree = (await request(server).get('/api/categories')).body.items;
    expect((await request(server).get(tree[0].iconUrl)).status).toBe(200);
    expect((await request(server).get('/media/p/NOPE/1.svg')).status).toBe(404);
  });

  it('keeps the invariant used above: the seed has zero-stock rows', async () => {
    expect(
      (
        await deps.db
          .select()
          .from(inventory)
          .where(and(eq(inventory.onHand, 0)))
      ).length,
    ).toBeGreaterThan(0);
  });
});
