import { desc, eq } from 'drizzle-orm';
import { favorites, products } from '@shop/db';
import { seedDemo } from '@shop/db/seed';
import request from 'supertest';
import { buildApp } from '../../src/app';
import { favoritePageQuery } from '../../src/modules/favorite/queries';
import { createTestDeps, type TestDeps } from '../support/deps';
import { startTestSandbox, type TestSandbox } from '../support/sandbox';

describe('收藏 (favorites)', () => {
  let sandbox: TestSandbox;
  let deps: TestDeps;
  let server: ReturnType<ReturnType<typeof buildApp>['callback']>;
  let productIds: number[];

  beforeAll(async () => {
    sandbox = await startTestSandbox();
    deps = await createTestDeps({ label: 'favorite', wechat: sandbox.wechat });
    await seedDemo(deps.db);
    server = buildApp(deps).callback();
    productIds = (await deps.db.select({ id: products.id }).from(products).orderBy(products.id)).map((p) => p.id);
  });
  afterAll(async () => {
    await deps.close();
    await sandbox.close();
  });

  async function signIn(openid: string) {
    const code = await sandbox.loginCode(openid);
    const { token } = (await request(server).post('/api/auth/login').send({ code })).body;
    return { Authorization: `Bearer ${token}` };
  }
  const rowsOf = async (productId: number) => (await deps.db.select().from(favorites).where(eq(favorites.productId, productId))).length;

  it('needs a session for every favorite route', async () => {
    const id = productIds[0];
    expect((await request(server).get('/api/me/favorites')).status).toBe(401);
    expect((await request(server).get(`/api/me/favorites/${id}`)).status).toBe(401);
    expect((await request(server).put(`/api/me/favorites/${id}`)).status).toBe(401);
    const deleted = await request(server).delete(`/api/me/favorites/${id}`);
    expect(deleted.status).toBe(401);
    expect(deleted.body.code).toBe('UNAUTHENTICATED');
  });

  it('adds and removes idempotently, and the product page reads the state', async () => {
    const auth = await signIn('o-fav-1');
    const id = productIds[1];
    expect((await request(server).get(`/api/me/favorites/${id}`).set(auth)).body).toEqual({ productId: id, favorited: false });

    // Twice, and twice at once: one row.
    const first = await request(server).put(`/api/me/favorites/${id}`).set(auth);
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ productId: id, favorited: true });
    const again = await Promise.all([1, 2].map(() => request(server).put(`/api/me/favorites/${id}`).set(auth)));
    expect(again.map((r) => r.status)).toEqual([200, 200]);
    expect(await rowsOf(id)).toBe(1);
    expect((await request(server).get(`/api/me/favorites/${id}`).set(auth)).body.favorited).toBe(true);

    const removed = await request(server).delete(`/api/me/favorites/${id}`).set(auth);
    expect(removed.body).toEqual({ productId: id, favorited: false });
    const removedAgain = await request(server).delete(`/api/me/favorites/${id}`).set(auth);
    expect(removedAgain.status).toBe(200);
    expect(removedAgain.body.favorited).toBe(false);
    expect(await rowsOf(id)).toBe(0);
  });

  it('answers 404 for a product that does not exist, and 400 for an id that is not one', async () => {
    const auth = await signIn('o-fav-2');
    const missing = await request(server).put('/api/me/favorites/99999999').set(auth);
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ code: 'PRODUCT_NOT_FOUND', message: '商品不存在' });
    expect((await request(server).put('/api/me/favorites/abc').set(auth)).status).toBe(400);
  });

  it('lists newest first in keyset pages, with taken-down products as off_shelf', async () => {
    const auth = await signIn('o-fav-3');
    const chosen = productIds.slice(0, 5);
    for (const id of chosen) expect((await request(server).put(`/api/me/favorites/${id}`).set(auth)).status).toBe(200);
    const [offShelf] = chosen;
    await deps.db.update(products).set({ status: 'off_shelf' }).where(eq(products.id, offShelf));
    try {
      const seen: number[] = [];
      let cursor: number | null = null;
      let pages = 0;
      do {
        const res: request.Response = await request(server)
          .get('/api/me/favorites')
          .query({ limit: 2, ...(cursor ? { cursor } : {}) })
          .set(auth);
        expect(res.status).toBe(200);
        expect(res.body.items.length).toBeLessThanOrEqual(2);
        seen.push(...res.body.items.map((item: { productId: number }) => item.productId));
        cursor = res.body.nextCursor;
        pages += 1;
        if (pages === 1) {
          const [newest] = res.body.items;
          const [product] = await deps.db.select().from(products).where(eq(products.id, chosen[4]));
          expect(newest).toMatchObject({
            productId: product.id,
            title: product.title,
            minPriceFen: product.minPriceFen,
            status: 'on_sale',
          });
        }
      } while (cursor !== null && pages < 10);
      expect(pages).toBe(3);
      expect(seen).toEqual([...chosen].reverse());

      const all = (await request(server).get('/api/me/favorites').set(auth)).body;
      expect(all.nextCursor).toBeNull();
      expect(all.items.find((item: { productId: number }) => item.productId === offShelf).status).toBe('off_shelf');
    } finally {
      await deps.db.update(products).set({ status: 'on_sale' }).where(eq(products.id, offShelf));
    }
  });

  it("never shows one member another member's favorites", async () => {
    const alice = await signIn('o-fav-alice');
    const bob = await signIn('o-fav-bob');
    const id = productIds[2];
    await request(server).put(`/api/me/favorites/${id}`).set(alice);

    expect((await request(server).get('/api/me/favorites').set(bob)).body).toEqual({ items: [], nextCursor: null });
    expect((await request(server).get(`/api/me/favorites/${id}`).set(bob)).body.favorited).toBe(false);
    // Bob removing "his" favorite leaves Alice's alone.
    await request(server).delete(`/api/me/favorites/${id}`).set(bob);
    expect((await request(server).get(`/api/me/favorites/${id}`).set(alice)).body.favorited).toBe(true);
  });

  it('a page of 我的收藏 reads (member_id, id) newest first without a filesort', async () => {
    const auth = await signIn('o-fav-plan');
    for (const id of productIds.slice(0, 30)) await request(server).put(`/api/me/favorites/${id}`).set(auth);
    const [{ memberId }] = await deps.db.select({ memberId: favorites.memberId }).from(favorites).orderBy(desc(favorites.id)).limit(1);
    for (const [label, before] of [
      ['first page', undefined],
      ['a later page', 1_000_000],
    ] as const) {
      const { sql: text, params } = favoritePageQuery(deps.db, memberId, before, 21).toSQL();
      const [rows] = await deps.database.pool.query(`EXPLAIN ${text}`, params);
      const [plan] = rows as { key: string | null; Extra: string | null }[];
      expect({ label, key: plan.key }).toEqual({ label, key: 'favorites_member_recent_idx' });
      expect(plan.Extra ?? '').not.toMatch(/filesort/i);
    }
  });
});
