import fs from 'node:fs';
import path from 'node:path';
import { inArray } from 'drizzle-orm';
import { migrationsFolder, products, productSearchGrams, queryGrams, searchGrams } from '@shop/db';
import { seedDemo } from '@shop/db/seed';
import { candidateIds, candidateQuery, productPageQuery } from '../src/modules/catalog/queries';
import { searchTerms } from '../src/domain/search-query';
import { createTestDeps, type TestDeps } from './support/deps';

type PlanRow = { table: string; type: string; key: string | null; possible_keys: string | null; Extra: string };

/**
 * The hot reads go through their indexes (docs/decisions/0011): search reads the gram index, never
 * scans products with LIKE '%…%'; a customer's order list reads (member_id, id) newest first.
 */
describe('query plans', () => {
  let deps: TestDeps;

  beforeAll(async () => {
    deps = await createTestDeps({ label: 'plans' });
    await seedDemo(deps.db);
  });
  afterAll(async () => {
    await deps.close();
  });

  const explain = async (query: { toSQL: () => { sql: string; params: unknown[] } }): Promise<PlanRow[]> => {
    const { sql: text, params } = query.toSQL();
    const [rows] = await deps.database.pool.query(`EXPLAIN ${text}`, params);
    return rows as PlanRow[];
  };

  it.each(['连衣裙', 'lianyiqun', 'lyq', '女装 连衣裙', 't恤'])(
    'search %s reads the gram index, then products by primary key',
    async (q) => {
      const terms = searchTerms(q);
      const grams = queryGrams(terms);
      const gramPlan = await explain(candidateQuery(deps.db, grams));
      expect(gramPlan).toHaveLength(1);
      expect(gramPlan[0]).toMatchObject({ table: 'product_search_grams', key: 'PRIMARY' });
      expect(['range', 'ref']).toContain(gramPlan[0].type);

      const candidates = await candidateIds(deps.db, terms);
      expect(candidates.length).toBeGreaterThan(0);
      const pagePlan = await explain(productPageQuery(deps.db, { terms, candidates }, 'sales', { offset: 0, limit: 20 }));
      expect(pagePlan).toHaveLength(1);
      expect(pagePlan[0].table).toBe('products');
      expect(pagePlan[0].type).not.toBe('ALL');
      expect(pagePlan[0].key).toBe('PRIMARY');
    },
  );

  it('the gram index finds exactly what LIKE over search_text finds', async () => {
    const all = await deps.db.select({ id: products.id, searchText: products.searchText }).from(products);
    for (const q of ['连衣裙', 'lianyi', 'lyq', '裙', 'yiqun', '女装 lyq', 'nvzhuang', 'zzzz']) {
      const terms = searchTerms(q);
      const candidates = new Set(await candidateIds(deps.db, terms));
      const expected = all.filter((p) => terms.every((t) => p.searchText.includes(t))).map((p) => p.id);
      // Every match is a candidate (the index never loses one); LIKE then drops the rest.
      for (const id of expected) expect(candidates.has(id)).toBe(true);
    }
  });

  it("migration 0005's SQL backfill writes the same grams as searchGrams()", async () => {
    const file = fs.readdirSync(migrationsFolder).find((f) => f.startsWith('0005_'))!;
    const backfill = fs.readFileSync(path.join(migrationsFolder, file), 'utf8').split('--> statement-breakpoint').at(-1)!;
    const all = await deps.db.select({ id: products.id, searchText: products.searchText }).from(products);
    const fromJs = new Set(all.flatMap((p) => searchGrams(p.searchText).map((g) => `${p.id} ${g}`)));
    await deps.db.delete(productSearchGrams).where(
      inArray(
        productSearchGrams.productId,
        all.map((p) => p.id),
      ),
    );
    await deps.database.pool.query(backfill);
    const rows = await deps.db.select().from(productSearchGrams);
    const fromSql = new Set(rows.map((r) => `${r.productId} ${r.gram}`));
    // INSERT IGNORE folds grams that the collation calls equal; the seed does the same.
    expect(fromSql.size).toBeGreaterThan(0);
    for (const key of fromSql) expect(fromJs.has(key)).toBe(true);
    const [[{ n }]] = (await deps.database.pool.query('SELECT COUNT(*) AS n FROM product_search_grams')) as unknown as [[{ n: number }]];
    expect(Number(n)).toBe(fromSql.size);
    const seededCount = fromJs.size;
    expect(fromSql.size).toBeLessThanOrEqual(seededCount);
    expect(fromSql.size).toBeGreaterThan(seededCount * 0.95);
  });

  it("a customer's orders, newest first, read (member_id, id) without a filesort", async () => {
    const [rows] = await deps.database.pool.query('EXPLAIN SELECT * FROM orders WHERE member_id = ? ORDER BY id DESC LIMIT 21', [1]);
    const [plan] = rows as PlanRow[];
    expect(plan.key).toBe('orders_member_recent_idx');
    expect(plan.Extra ?? '').not.toMatch(/filesort/i);
    const [statusRows] = await deps.database.pool.query(
      "EXPLAIN SELECT * FROM orders WHERE member_id = ? AND status = 'completed' AND id < ? ORDER BY id DESC LIMIT 21",
      [1, 1000],
    );
    // On a near-empty table the optimiser may walk the primary key backwards instead; either way, no filesort.
    const [statusPlan] = statusRows as PlanRow[];
    expect(statusPlan.possible_keys ?? '').toContain('orders_member_status_idx');
    expect(statusPlan.Extra ?? '').not.toMatch(/filesort/i);
  });
});
