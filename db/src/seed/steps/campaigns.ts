import { inArray } from 'drizzle-orm';
import type { Tx } from '../../index';
import { flashSales, groupCampaignSkus, groupCampaigns, promotions } from '../../schema';
import { flashSaleSeeds, groupCampaignSeeds, promotionSeeds } from '../data/campaigns';
import { ensureRows, idOf, type TableCount } from '../helpers';
import { campaignSkuRefs, skuCodeOf } from '../plan';
import type { FlashSaleSeed, SkuRef } from '../types';

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

const SHANGHAI_OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;

/** A session's clock times on the first seed's day (Asia/Shanghai, no daylight saving) or the next. */
function flashWindow(window: FlashSaleSeed['window'], at: (offset: number) => Date): { startsAt: Date; endsAt: Date } {
  if ('from' in window) return { startsAt: at(window.from), endsAt: at(window.to) };
  const now = at(0).getTime();
  const dayStart = Math.floor((now + SHANGHAI_OFFSET_MS) / DAY_MS) * DAY_MS - SHANGHAI_OFFSET_MS + window.day * DAY_MS;
  const clock = (hhmm: string) => {
    const [h, m] = hhmm.split(':').map(Number);
    return new Date(dayStart + (h * 60 + m) * 60_000);
  };
  return { startsAt: clock(window.at), endsAt: clock(window.until) };
}

/**
 * The 满减 promotion, group-buy campaigns and flash sales, by code. Windows come from the first
 * seed's `now` and are not moved by later runs (see data/campaigns.ts).
 */
export async function seedCampaigns(
  tx: Tx,
  ids: Ids,
  at: (offset: number) => Date,
): Promise<{ promotions: TableCount; group_campaigns: TableCount; group_campaign_skus: TableCount; flash_sales: TableCount }> {
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

  // The SKUs each campaign sells, keyed by (campaign, SKU): missing pairs only, like every seed row.
  const skuRows = groupCampaignSeeds.flatMap((c) => {
    const campaignId = idOf(groupResult.ids, c.code, 'group campaign');
    return campaignSkuRefs(c).map((ref) => {
      const own = c.skus?.find((s) => skuCodeOf({ spu: c.sku.spu, spec: s.spec }) === skuCodeOf(ref));
      return {
        campaignId,
        skuId: idOf(ids.skuIds, skuCodeOf(ref), 'SKU'),
        groupPriceFen: own?.groupPriceFen ?? c.groupPriceFen,
        leaderPriceFen: own?.leaderPriceFen ?? c.leaderPriceFen ?? null,
      };
    });
  });
  const existing = await tx
    .select({ campaignId: groupCampaignSkus.campaignId, skuId: groupCampaignSkus.skuId })
    .from(groupCampaignSkus)
    .where(
      inArray(
        groupCampaignSkus.campaignId,
        skuRows.map((r) => r.campaignId),
      ),
    );
  const have = new Set(existing.map((r) => `${r.campaignId}:${r.skuId}`));
  const missing = skuRows.filter((r) => !have.has(`${r.campaignId}:${r.skuId}`));
  if (missing.length > 0) await tx.insert(groupCampaignSkus).values(missing);

  const flashRows = flashSaleSeeds.map((f) => ({
    code: f.code,
    title: f.title,
    ...productAndSku(f.sku, ids),
    priceFen: f.priceFen,
    ...flashWindow(f.window, at),
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

  return {
    promotions: promotionResult.count,
    group_campaigns: groupResult.count,
    group_campaign_skus: { rows: skuRows.length, inserted: missing.length },
    flash_sales: flashResult.count,
  };
}
