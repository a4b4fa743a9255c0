import { sql } from 'drizzle-orm';
import type { Db, Tx } from '../index';
import { seedClock, type TableCount } from './helpers';
import { validateSeedData } from './plan';
import { seedCampaigns } from './steps/campaigns';
import { seedCategories, seedProducts } from './steps/catalog';
import { seedCoupons } from './steps/coupons';
import { seedInventory } from './steps/inventory';
import { seedLives } from './steps/lives';
import { seedMembers } from './steps/members';
import { seedStores, seedTiers } from './steps/reference';

export type { TableCount } from './helpers';

export const seededTables = [
  'tiers',
  'stores',
  'categories',
  'products',
  'skus',
  'inventory',
  'inventory_ledger',
  'members',
  'points_ledger',
  'staff',
  'coupon_templates',
  'points_exchange_items',
  'promotions',
  'group_campaigns',
  'group_campaign_skus',
  'flash_sales',
  'live_rooms',
  'live_products',
  'live_coupon_drops',
] as const;
export type SeededTable = (typeof seededTables)[number];

/** Per table: the demo rows present after the run, and how many of them this run inserted. */
export type SeedSummary = Record<SeededTable, TableCount>;

/**
 * Writes the demo retailer (杭州, three stores, catalogue, stock, demo accounts, coupons,
 * campaigns, live rooms) in one transaction. Idempotent: every row is looked up by its natural
 * key and inserted only when missing; existing rows are never updated, so a second run inserts
 * nothing and changes no value — including the campaign windows, which stay relative to the
 * `now` of the FIRST run (idempotency beats freshness; reset the database for fresh windows).
 */
export async function seedDemo(db: Db, now: Date = new Date()): Promise<SeedSummary> {
  validateSeedData();
  const at = seedClock(now);
  return db.transaction(async (tx) => {
    await lockSeed(tx);
    const tiers = await seedTiers(tx);
    const stores = await seedStores(tx);
    const categories = await seedCategories(tx);
    const catalog = await seedProducts(tx, categories.ids);
    const stock = await seedInventory(tx, catalog.skuIds, stores.ids);
    const people = await seedMembers(tx, stores.ids);
    const coupons = await seedCoupons(tx, { categoryIds: categories.ids, productIds: catalog.productIds }, at);
    const campaigns = await seedCampaigns(tx, catalog, at);
    const lives = await seedLives(tx, { storeIds: stores.ids, ...catalog, templateIds: coupons.templateIds }, at);
    return {
      tiers,
      stores: stores.count,
      categories: categories.count,
      ...catalog.counts,
      ...stock,
      ...people,
      ...coupons.counts,
      ...campaigns,
      ...lives,
    };
  });
}

/**
 * Serialises concurrent seeds (parallel test workers, a dev restart while a seed runs): a
 * locking read of the first applied migration blocks a second seed until this transaction
 * commits. Being a locking read it opens no read snapshot, so the waiting seed then sees the
 * committed rows and inserts nothing. It also fails clearly when migrations have not run.
 */
async function lockSeed(tx: Tx): Promise<void> {
  try {
    await tx.execute(sql`SELECT id FROM __drizzle_migrations ORDER BY id LIMIT 1 FOR UPDATE`);
  } catch (err) {
    throw new Error('seed: the database has no migrations table — run runMigrations(db) first', { cause: err });
  }
}
