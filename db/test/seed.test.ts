import { is } from 'drizzle-orm';
import { getTableConfig, MySqlTable } from 'drizzle-orm/mysql-core';
import { runMigrations, type Database } from '../src/index';
import { createTestDatabase, type TestDatabase } from '../src/testing';
import * as schema from '../src/schema';
import { couponKinds, couponSources, staffRoles } from '../src/schema';
import { seedDemo, seededTables, type SeedSummary } from '../src/seed';
import { categorySeeds } from '../src/seed/data/categories';

/*
 * Runs against the real MariaDB `npm test` starts. Every test makes its own database
 * (createTestDatabase) and drops it, so nothing here sees another test file's rows.
 */

jest.setTimeout(120_000);

type Row = Record<string, unknown>;

async function rows<T = Row>(database: Database, query: string, params: unknown[] = []): Promise<T[]> {
  const [result] = await database.pool.query(query, params);
  return result as T[];
}

/** Row count and CHECKSUM TABLE of every table in the database: any insert or changed value shows. */
async function snapshot(database: Database): Promise<Record<string, { count: number; checksum: string }>> {
  const tables = (
    await rows<{ name: string }>(
      database,
      'SELECT table_name AS name FROM information_schema.tables WHERE table_schema = DATABASE() ORDER BY table_name',
    )
  ).map((t) => t.name);
  const checksums = await rows<{ Table: string; Checksum: number | string }>(
    database,
    `CHECKSUM TABLE ${tables.map((t) => `\`${t}\``).join(', ')} EXTENDED`,
  );
  const out: Record<string, { count: number; checksum: string }> = {};
  for (const table of tables) {
    const [{ n }] = await rows<{ n: number }>(database, `SELECT COUNT(*) AS n FROM \`${table}\``);
    const checksum = checksums.find((c) => c.Table.endsWith(`.${table}`))?.Checksum;
    out[table] = { count: Number(n), checksum: String(checksum) };
  }
  return out;
}

const totalInserted = (summary: SeedSummary) => Object.values(summary).reduce((sum, c) => sum + c.inserted, 0);

describe('migrations', () => {
  test('apply on an empty database and create every schema table', async () => {
    const database = await createTestDatabase('mig', { migrate: false });
    try {
      await runMigrations(database.db);
      await runMigrations(database.db); // already applied: a no-op
      const expected = Object.values(schema as Record<string, unknown>)
        .filter((value): value is MySqlTable => is(value, MySqlTable))
        .map((table) => getTableConfig(table).name)
        .sort();
      const actual = (
        await rows<{ name: string }>(database, 'SELECT table_name AS name FROM information_schema.tables WHERE table_schema = DATABASE()')
      ).map((t) => t.name);
      expect(expected.length).toBeGreaterThan(20);
      expect(actual).toEqual(expect.arrayContaining(expected));
    } finally {
      await database.drop();
    }
  });
});

describe('demo seed', () => {
  let database: TestDatabase;
  let first: SeedSummary;

  beforeAll(async () => {
    database = await createTestDatabase('seed');
    first = await seedDemo(database.db, new Date('2026-03-02T02:00:00Z'));
  });

  afterAll(async () => {
    await database?.drop();
  });

  test('a first run inserts every demo row it reports', () => {
    for (const table of seededTables) expect(first[table].inserted).toBe(first[table].rows);
  });

  test('meets the catalogue minimums', async () => {
    const [counts] = await rows<{ stores: number; products: number }>(
      database,
      'SELECT (SELECT COUNT(*) FROM stores) AS stores, (SELECT COUNT(*) FROM products) AS products',
    );
    expect(Number(counts.stores)).toBeGreaterThanOrEqual(3);
    expect(Number(counts.products)).toBeGreaterThanOrEqual(60);

    const perProduct = await rows<{ spu: string; n: number; minSku: number; minPriceFen: number }>(
      database,
      `SELECT p.spu, COUNT(s.id) AS n, MIN(s.price_fen) AS minSku, p.min_price_fen AS minPriceFen
         FROM products p LEFT JOIN skus s ON s.product_id = p.id GROUP BY p.id`,
    );
    for (const p of perProduct) {
      expect([p.spu, Number(p.n) >= 1 && Number(p.n) <= 6]).toEqual([p.spu, true]);
      expect([p.spu, Number(p.minSku)]).toEqual([p.spu, p.minPriceFen]);
    }
  });

  test('every SKU has a valid, unique EAN-13 barcode', async () => {
    const barcodes = (await rows<{ barcode: string }>(database, 'SELECT barcode FROM skus')).map((r) => r.barcode);
    expect(new Set(barcodes).size).toBe(barcodes.length);
    for (const code of barcodes) {
      expect(code).toMatch(/^\d{13}$/);
      const sum = [...code].reduce((acc, d, i) => acc + Number(d) * (i % 2 === 0 ? 1 : 3), 0);
      expect([code, sum % 10]).toEqual([code, 0]);
    }
  });

  test('pinyin search finds the dresses by initials and by pinyin prefix', async () => {
    for (const term of ['lyq', 'lianyi', '连衣裙']) {
      const hits = await rows<{ title: string }>(database, 'SELECT title FROM products WHERE search_text LIKE ?', [`%${term}%`]);
      expect(hits.map((h) => h.title)).toContain('法式碎花连衣裙');
    }
  });

  test('stock covers every SKU at every store, with zero and low rows, and the ledger sums to it', async () => {
    const [coverage] = await rows<{ missing: number; zero: number; low: number }>(
      database,
      `SELECT
         (SELECT COUNT(*) FROM skus s CROSS JOIN stores st
            LEFT JOIN inventory i ON i.sku_id = s.id AND i.store_id = st.id WHERE i.sku_id IS NULL) AS missing,
         (SELECT COUNT(*) FROM inventory WHERE on_hand = 0) AS zero,
         (SELECT COUNT(*) FROM inventory WHERE on_hand BETWEEN 1 AND 3) AS low`,
    );
    expect(Number(coverage.missing)).toBe(0);
    expect(Number(coverage.zero)).toBeGreaterThanOrEqual(1);
    expect(Number(coverage.low)).toBeGreaterThanOrEqual(1);

    const mismatches = await rows(
      database,
      `SELECT i.sku_id, i.store_id, i.on_hand, i.reserved, l.on_hand_sum, l.reserved_sum
         FROM inventory i
         LEFT JOIN (SELECT sku_id, store_id, SUM(on_hand_delta) AS on_hand_sum, SUM(reserved_delta) AS reserved_sum
                      FROM inventory_ledger GROUP BY sku_id, store_id) l
           ON l.sku_id = i.sku_id AND l.store_id = i.store_id
        WHERE l.sku_id IS NULL OR l.on_hand_sum <> i.on_hand OR l.reserved_sum <> i.reserved`,
    );
    expect(mismatches).toEqual([]);
  });

  test('points balances equal their ledger', async () => {
    const mismatches = await rows(
      database,
      `SELECT m.openid, m.points_balance, COALESCE(SUM(p.delta), 0) AS ledger
         FROM members m LEFT JOIN points_ledger p ON p.member_id = m.id
        GROUP BY m.id HAVING ledger <> m.points_balance`,
    );
    expect(mismatches).toEqual([]);
  });

  test('demo accounts: five customers incl. silver and gold, every staff role bound as documented', async () => {
    const customers = await rows<{ openid: string; tier_code: string }>(
      database,
      "SELECT openid, tier_code FROM members WHERE openid LIKE 'demo-customer-%' ORDER BY openid",
    );
    expect(customers.map((c) => c.openid)).toEqual([1, 2, 3, 4, 5].map((n) => `demo-customer-${n}`));
    expect(customers.map((c) => c.tier_code)).toEqual(expect.arrayContaining(['normal', 'silver', 'gold']));

    const staffRows = await rows<{ openid: string; role: string; store: string | null }>(
      database,
      `SELECT m.openid, s.role, st.code AS store FROM staff s
         JOIN members m ON m.id = s.member_id LEFT JOIN stores st ON st.id = s.store_id`,
    );
    expect(new Set(staffRows.map((s) => s.role))).toEqual(new Set(staffRoles));
    expect(staffRows.find((s) => s.openid === 'demo-admin')?.store).toBeNull();
    const storeCodes = (await rows<{ code: string }>(database, 'SELECT code FROM stores ORDER BY id')).map((s) => s.code);
    for (const n of [1, 2, 3]) {
      const stores = staffRows.filter((s) => s.openid === `demo-clerk-${n}` || s.openid === `demo-manager-${n}`);
      expect(stores.map((s) => s.store)).toEqual([storeCodes[n - 1], storeCodes[n - 1]]);
    }
  });

  test('coupon templates cover every kind and source; marketing is live around the seed time', async () => {
    const templates = await rows<{ kind: string; source: string }>(database, 'SELECT kind, source FROM coupon_templates');
    expect(new Set(templates.map((t) => t.kind))).toEqual(new Set(couponKinds));
    expect(new Set(templates.map((t) => t.source))).toEqual(new Set(couponSources));

    const seededAt = new Date('2026-03-02T02:00:00Z');
    const [active] = await rows<Record<string, number>>(
      database,
      `SELECT
         (SELECT COUNT(*) FROM promotions WHERE starts_at <= ? AND ends_at > ?) AS promotions,
         (SELECT COUNT(*) FROM group_campaigns WHERE starts_at <= ? AND ends_at > ?) AS groups,
         (SELECT COUNT(*) FROM flash_sales WHERE ends_at > ?) AS flash,
         (SELECT COUNT(*) FROM live_rooms WHERE status_override IS NULL AND starts_at <= ? AND ends_at > ?) AS liveNow,
         (SELECT COUNT(*) FROM live_rooms WHERE status_override IS NULL AND starts_at > ?) AS upcoming,
         (SELECT COUNT(*) FROM points_exchange_items) AS exchange`,
      [seededAt, seededAt, seededAt, seededAt, seededAt, seededAt, seededAt, seededAt],
    );
    // Flash: the sale opening 15 minutes after the seed, and five 场次 (10:00, 14:00, 20:00 of its day, 10:00 the next).
    expect(active).toEqual({ promotions: 1, groups: 2, flash: 6, liveNow: 1, upcoming: 1, exchange: 3 });
    const [sessions] = await rows<Record<string, number>>(
      database,
      `SELECT COUNT(DISTINCT starts_at) AS starts,
              SUM(TIME(CONVERT_TZ(starts_at, '+00:00', '+08:00')) IN ('10:00:00', '14:00:00', '20:00:00')) AS onTheHour
         FROM flash_sales WHERE code LIKE 'FS-D%'`,
      [],
    );
    expect({ starts: Number(sessions.starts), onTheHour: Number(sessions.onTheHour) }).toEqual({ starts: 4, onTheHour: 5 });
    // The demo T-shirt campaign sells every colour and size; the towel campaign its one SKU.
    const [tee] = await rows<Record<string, number>>(
      database,
      `SELECT (SELECT COUNT(*) FROM group_campaign_skus s JOIN group_campaigns c ON c.id = s.campaign_id WHERE c.code = 'GB-TEE-2') AS tee,
              (SELECT COUNT(*) FROM group_campaign_skus s JOIN group_campaigns c ON c.id = s.campaign_id WHERE c.code = 'GB-TOWEL-3') AS towel`,
      [],
    );
    expect({ tee: Number(tee.tee), towel: Number(tee.towel) }).toEqual({ tee: 6, towel: 1 });
  });

  test('a second run, days later, inserts nothing and changes no value', async () => {
    const before = await snapshot(database);
    const again = await seedDemo(database.db, new Date('2026-03-05T09:30:00Z'));
    const after = await snapshot(database);

    expect(totalInserted(again)).toBe(0);
    for (const table of seededTables) expect(again[table].rows).toBe(first[table].rows);
    expect(after).toEqual(before);
  });
});

describe('concurrent seeds', () => {
  test('two seeds racing on an empty database add the demo data exactly once', async () => {
    const database = await createTestDatabase('race');
    try {
      const [a, b] = await Promise.all([seedDemo(database.db), seedDemo(database.db)]);
      const [winner, loser] = totalInserted(a) > 0 ? [a, b] : [b, a];
      expect(totalInserted(loser)).toBe(0);
      for (const table of seededTables) expect(winner[table].inserted).toBe(winner[table].rows);
      const [{ n }] = await rows<{ n: number }>(database, 'SELECT COUNT(*) AS n FROM categories WHERE parent_id IS NULL');
      expect(Number(n)).toBe(categorySeeds.length);
    } finally {
      await database.drop();
    }
  });
});
