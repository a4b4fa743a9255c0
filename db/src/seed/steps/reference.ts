import { inArray } from 'drizzle-orm';
import type { Tx } from '../../index';
import { stores, tiers } from '../../schema';
import { storeSeeds } from '../data/stores';
import { tierSeeds } from '../data/tiers';
import { ensureRows, insertMissing, type TableCount } from '../helpers';

/** Member tiers, keyed by their primary key `code`. */
export async function seedTiers(tx: Tx): Promise<TableCount> {
  const codes = tierSeeds.map((t) => t.code);
  const existing = await tx.select({ code: tiers.code }).from(tiers).where(inArray(tiers.code, codes));
  const inserted = await insertMissing(tx, tiers, tierSeeds, new Set(existing.map((r) => r.code)), (t) => t.code);
  return { rows: tierSeeds.length, inserted: inserted.length };
}

/** Stores by `code`; returns store code → id. */
export async function seedStores(tx: Tx) {
  const codes = storeSeeds.map((s) => s.code);
  return ensureRows(
    tx,
    stores,
    storeSeeds,
    (s) => s.code,
    async () =>
      (await tx.select({ id: stores.id, code: stores.code }).from(stores).where(inArray(stores.code, codes))).map((r) => ({
        id: r.id,
        key: r.code,
      })),
  );
}
