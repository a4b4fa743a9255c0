import { inArray } from 'drizzle-orm';
import type { Tx } from '../../index';
import { flashSales, groupCampaigns, promotions } from '../../schema';
import { flashSaleSeeds, groupCampaignSeeds, promotionSeeds } from '../data/campaigns';
import { ensureRows, idOf, type TableCount } from '../helpers';
import { skuCodeOf } from '../plan';
import type { SkuRef } from '../types';

type Ids = { productIds: Map<string, number>; skuIds: Map<string, number> };

/** Campaign tables all have a unique `code` and an `id`. */
type CodedTable = typeof promotions | typeof groupCampaigns | typeof flashSales;

function loadByCode(tx: Tx, table: CodedTable, codes: string[]) {
  return async () =>
    (await tx.select({ id: table.id, code: table.code }).from(table).where(inArray(table.code, codes))).map((r) => ({
      id: r.id,
      key: r.code,
    }));
}

function productAndSku(ref: SkuRef, { productIds, skuIds }: Ids) {
  return { productId: idOf(productIds, ref.spu, 'SPU'), skuId: idOf(skuIds, skuCodeOf(ref), 'SKU') };
}

/**
 * The 满减 promotion, group-buy campaigns and flash sales, by code. Windows come from the first
 * seed's `now` and are not moved by later runs (see data/campaigns.ts).
 */
export async function seedCampaigns(
  tx: Tx,
  ids: Ids,
  at: (offset: number) => Date,
): Promise<{ promotions: TableCount; group_campaigns: TableCount; flash_sales: TableCount }> {
  const promotionRows = promotionSeeds.map((p) => ({
    code: p.code,
    name: p.name,
    kind: 'threshold_off' as const,
    tiers: p.tiers,
    scope: 'all' as const,
    scopeIds: [],
    channel: p.channel,
    startsAt: at(p.window.from),
    endsAt: at(p.window.to),
  }));
  const promotionResult = await ensureRows(
    tx,
    promotions,
    promotionRows,
    (r) => r.code,
    loadByCode(
      tx,
      promotions,
      promotionRows.map((r) => r.code),
    ),
  );

  const groupRows = groupCampaignSeeds.map((c) => ({
    code: c.code,
    title: c.title,
    ...productAndSku(c.sku, ids),
    groupPriceFen: c.groupPriceFen,
    leaderPriceFen: c.leaderPriceFen ?? null,
    groupSize: c.groupSize,
    fillSeconds: c.fillHours * 3600,
    startsAt: at(c.window.from),
    endsAt: at(c.window.to),
    allocatedStock: c.allocatedStock,
    perUserLimit: c.perUserLimit,
    newCustomersOnly: c.newCustomersOnly,
  }));
  const groupResult = await ensureRows(
    tx,
    groupCampaigns,
    groupRows,
    (r) => r.code,
    loadByCode(
      tx,
      groupCampaigns,
      groupRows.map((r) => r.code),
    ),
  );

  const flashRows = flashSaleSeeds.map((f) => ({
    code: f.code,
    title: f.title,
    ...productAndSku(f.sku, ids),
    priceFen: f.priceFen,
    startsAt: at(f.window.from),
    endsAt: at(f.window.to),
    allocatedStock: f.allocatedStock,
    perUserLimit: f.perUserLimit,
  }));
  const flashResult = await ensureRows(
    tx,
    flashSales,
    flashRows,
    (r) => r.code,
    loadByCode(
      tx,
      flashSales,
      flashRows.map((r) => r.code),
    ),
  );

  return { promotions: promotionResult.count, group_campaigns: groupResult.count, flash_sales: flashResult.count };
}
