import { eq } from 'drizzle-orm';
import { categories, products } from '@shop/db';
import { seedDemo } from '@shop/db/seed';
import request from 'supertest';
import { buildApp } from '../../src/app';
import { candidateIds, candidateQuery, suggestRowsQuery } from '../../src/modules/catalog/queries';
import { queryGrams } from '@shop/db';
import { createTestDeps, type TestDeps } from '../support/deps';
import { startTestSandbox, type TestSandbox } from '../support/sandbox';

type Suggestion = { text: string; kind: 'category' | 'brand' | 'product'; highlight: { start: number; end: number } };
type PlanRow = { table: string; type: string; key: string | null };

/** 搜索联想 on the demo retailer: GET /api/search/suggest through HTTP, real MariaDB and Redis. */
describe('search suggestions', () => {
  let sandbox: TestSandbox;
  let deps: TestDeps;
  let server: ReturnType<ReturnType<typeof buildApp>['callback']>;
  let adminToken: string;

  beforeAll(async () => {
    sandbox = await startTestSandbox();
    deps = await createTestDeps({ label: 'suggest', wechat: sandbox.wechat });
    await seedDemo(deps.db);
    server = buildApp(deps).callback();
    const code = await sandbox.loginCode('demo-admin');
    adminToken = (await request(server).post('/api/auth/login').send({ code })).body.token as string;
  });
  afterAll(async () => {
    await deps.close();
    await sandbox.close();
  });

  const suggest = async (query: Record<string, string | number>): Promise<Suggestion[]> => {
    const res = await request(server).get('/api/search/suggest').query(query);
    expect(res.status).toBe(200);
    return (res.body as { items: Suggestion[] }).items;
  };
  const marked = (s: Suggestion) => s.text.slice(s.highlight.start, s.highlight.end);
  const texts = (items: Suggestion[]) => items.map((s) => s.text);
  const patchProduct = async (title: string, patch: Record<string, string>) => {
    const [row] = await deps.db.select().from(products).where(eq(products.title, title));
    expect(row).toBeDefined();
    const res = await request(server).patch(`/api/admin/products/${row.id}`).set('Authorization', `Bearer ${adminToken}`).send(patch);
    expect(res.status).toBe(200);
  };

  it('an off-shelf product is not suggested; once head office puts it back on sale, it is', async () => {
    // The demo keeps its winter jacket off the shelf out of season.
    expect(texts(await suggest({ q: '羽绒' }))).not.toContain('轻薄羽绒夹克');
    await patchProduct('轻薄羽绒夹克', { status: 'on_sale' });
    expect(texts(await suggest({ q: '羽绒' }))).toContain('轻薄羽绒夹克');
  });

  it('a Chinese prefix suggests the names that contain it, the typed characters highlighted', async () => {
    const items = await suggest({ q: '羽绒' });
    expect(texts(items)).toContain('轻薄羽绒夹克');
    for (const item of items) expect(marked(item)).toBe('羽绒');
  });

  it('"yu" suggests 鱼… and 羽绒… once head office lists them, and the edits drop the cached answer', async () => {
    const before = await suggest({ q: 'yu' });
    expect(before.length).toBe(10);
    expect(texts(before).some((text) => /^[鱼羽]/.test(text))).toBe(false);

    await patchProduct('高腰百褶半身裙', { title: '鱼尾高腰半身裙' });
    await patchProduct('立领休闲夹克', { title: '羽绒马甲 轻暖内搭' });
    const after = await suggest({ q: 'yu' });
    expect(texts(after)).toEqual(expect.arrayContaining(['鱼尾高腰半身裙', '羽绒马甲 轻暖内搭']));
    // A name that starts with the syllable ranks before the names that have 羽 / 浴 / 瑜 inside them.
    const firstInside = after.findIndex((s) => s.kind === 'product' && s.highlight.start > 0);
    for (const text of ['鱼尾高腰半身裙', '羽绒马甲 轻暖内搭']) {
      const index = after.findIndex((s) => s.text === text);
      expect(after[index]).toMatchObject({ kind: 'product', highlight: { start: 0, end: 1 } });
      expect(index).toBeLessThan(firstInside);
    }
    // Every highlight is one character read "yu", never 圆 (yuan) or 运 (yun) while a whole "yu" exists.
    for (const item of after)
      expect(['鱼', '羽', '浴', '瑜', '语', '屿', '渔', '雨', '玉', '宇', '御', '愉', '余']).toContain(marked(item));

    // An unfinished syllable is on its way: "yur" is 羽绒, not 鱼尾.
    const yur = await suggest({ q: 'yur' });
    expect(texts(yur)).toEqual(expect.arrayContaining(['羽绒马甲 轻暖内搭', '轻薄羽绒夹克']));
    expect(texts(yur)).not.toContain('鱼尾高腰半身裙');
    for (const item of yur) expect(marked(item)).toBe('羽绒');
  });

  it('initials "lyq" suggest the 连衣裙 category first, then dresses, each highlighting 连衣裙', async () => {
    const items = await suggest({ q: 'lyq' });
    expect(items[0]).toMatchObject({ text: '连衣裙', kind: 'category', highlight: { start: 0, end: 3 } });
    expect(items.length).toBeGreaterThan(1);
    for (const item of items) expect(marked(item)).toBe('连衣裙');
    expect(items.slice(1).every((item) => item.kind === 'product')).toBe(true);
    // Upper case and full-width letters are the same keys.
    expect(await suggest({ q: 'LYQ' })).toEqual(items);
    expect(await suggest({ q: 'ｌｙｑ' })).toEqual(items);
  });

  it('full pinyin matches at a syllable, never inside one', async () => {
    expect(texts(await suggest({ q: 'lianyiqun' }))).toContain('连衣裙');
    expect(texts(await suggest({ q: 'lianyi' }))).toContain('连衣裙');
    // "ianyi" is inside lian·yi: no customer types that.
    expect(await suggest({ q: 'ianyi' })).toEqual([]);
  });

  it('every suggestion finds products when tapped', async () => {
    for (const q of ['yu', 'lyq', 't', '衬']) {
      for (const item of await suggest({ q })) {
        const res = await request(server).get('/api/products').query({ q: item.text });
        expect(res.status).toBe(200);
        expect(res.body.total).toBeGreaterThan(0);
      }
    }
  });

  it('answers at most 10, or fewer when asked, without repeats', async () => {
    const many = await suggest({ q: 's' });
    expect(many).toHaveLength(10);
    expect(new Set(texts(many)).size).toBe(10);
    const three = await suggest({ q: 's', limit: 3 });
    expect(three).toEqual(many.slice(0, 3));
  });

  it('text that is no word suggests nothing, and never fails', async () => {
    for (const q of ['zzzz', '!!!', '%', '_', "' OR 1=1 --", '😀']) expect(await suggest({ q })).toEqual([]);
  });

  it.each([
    [{}, 'no q'],
    [{ q: '' }, 'empty q'],
    [{ q: '   ' }, 'blank q'],
    [{ q: 'x'.repeat(51) }, 'q over 50 characters'],
    [{ q: 'yu', limit: 0 }, 'limit 0'],
    [{ q: 'yu', limit: 11 }, 'limit over 10'],
    [{ q: 'yu', limit: 'abc' }, 'limit not a number'],
  ])('%p (%s) is 400 VALIDATION_FAILED', async (query: Record<string, string | number>, _case: string) => {
    const res = await request(server).get('/api/search/suggest').query(query);
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(typeof res.body.message).toBe('string');
  });

  it('热门搜索 are the best-selling sub-categories by units sold on sale, then brands, and each finds products', async () => {
    const res = await request(server).get('/api/search/hot');
    expect(res.status).toBe(200);
    const words = res.body.items as string[];
    expect(words).toHaveLength(10);
    expect(new Set(words).size).toBe(10);

    const onSale = await deps.db.select().from(products).where(eq(products.status, 'on_sale'));
    const all = await deps.db.select().from(categories);
    const leafSales = new Map<string, number>();
    for (const product of onSale) {
      const category = all.find((c) => c.id === product.categoryId)!;
      if (category.parentId !== null) leafSales.set(category.name, (leafSales.get(category.name) ?? 0) + product.salesCount);
    }
    const best = [...leafSales].sort((a, b) => b[1] - a[1]).map(([name]) => name);
    expect(words.slice(0, 6)).toEqual(best.slice(0, 6));
    const brands = new Set(onSale.map((p) => p.brand));
    for (const word of words.slice(6)) expect(brands.has(word)).toBe(true);
    for (const word of words) {
      const found = await request(server).get('/api/products').query({ q: word });
      expect(found.body.total).toBeGreaterThan(0);
    }
  });

  describe('query plans', () => {
    const explain = async (query: { toSQL: () => { sql: string; params: unknown[] } }): Promise<PlanRow[]> => {
      const { sql: text, params } = query.toSQL();
      const [rows] = await deps.database.pool.query(`EXPLAIN ${text}`, params);
      return rows as PlanRow[];
    };

    it.each(['yu', '羽绒', 'lyq', 's'])('suggest %s reads the gram index, then products by primary key (no LIKE scan)', async (needle) => {
      const gramPlan = await explain(candidateQuery(deps.db, queryGrams([needle])));
      expect(gramPlan).toHaveLength(1);
      expect(gramPlan[0]).toMatchObject({ table: 'product_search_grams', key: 'PRIMARY' });
      expect(['range', 'ref']).toContain(gramPlan[0].type);

      const candidates = await candidateIds(deps.db, [needle]);
      expect(candidates.length).toBeGreaterThan(0);
      const rowsPlan = await explain(suggestRowsQuery(deps.db, candidates));
      expect(rowsPlan).toHaveLength(1);
      expect(rowsPlan[0]).toMatchObject({ table: 'products', key: 'PRIMARY' });
      expect(rowsPlan[0].type).not.toBe('ALL');
    });
  });
});
