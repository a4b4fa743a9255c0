import type { SpecDefinition } from '../schema';
import { categorySeeds } from './data/categories';
import { flashSaleSeeds, groupCampaignSeeds } from './data/campaigns';
import { liveRoomSeeds } from './data/lives';
import { productSeeds } from './data/products';
import { ean13CheckDigit, fnv1a } from './helpers';
import type { GroupCampaignSeed, ProductSeed, SkuRef } from './types';

/*
 * Pure derivations from the data modules: SKUs of a product, barcodes, stock levels. Kept apart
 * from the loader so they can be reasoned about (and tested) without a database.
 */

export const MAX_SKUS_PER_PRODUCT = 6;

export type SkuPlan = {
  skuCode: string;
  barcode: string;
  specValues: Record<string, string>;
  priceFen: number;
  listPriceFen: number | null;
};

/** Every combination of the spec values, first dimension outermost: (黑,S) (黑,M) (白,S) … */
function combinations(specs: SpecDefinition): Record<string, string>[] {
  return specs.reduce<Record<string, string>[]>(
    (combos, spec) => combos.flatMap((combo) => spec.values.map((value) => ({ ...combo, [spec.name]: value }))),
    [{}],
  );
}

/**
 * Barcodes use the GS1 prefix 20–29 "restricted circulation" range meant for a retailer's own
 * in-store codes, so they can never collide with a real manufacturer's EAN: 20 + the SPU's
 * digits (6) + the SKU's ordinal (4) + check digit.
 */
function barcodeFor(spu: string, ordinal: number): string {
  const first12 = `20${spuDigits(spu).padStart(6, '0')}${String(ordinal).padStart(4, '0')}`;
  return `${first12}${ean13CheckDigit(first12)}`;
}

const spuDigits = (spu: string) => spu.replace(/\D/g, '');

/** SKU codes are `<spu>-<nn>` in combination order, so they stay stable as long as spec values keep their order. */
export function planSkus(product: ProductSeed): SkuPlan[] {
  return combinations(product.specs).map((specValues, i) => {
    const override = Object.values(specValues)
      .map((value) => product.priceByValue?.[value])
      .find((price) => price !== undefined);
    return {
      skuCode: `${product.spu}-${String(i + 1).padStart(2, '0')}`,
      barcode: barcodeFor(product.spu, i + 1),
      specValues,
      priceFen: override?.priceFen ?? product.priceFen,
      listPriceFen: (override ? override.listPriceFen : product.listPriceFen) ?? null,
    };
  });
}

/** The SKU code a reference like { spu: 'W1005', spec: { 颜色: '白色', 尺码: 'M' } } names. */
export function skuCodeOf(ref: SkuRef): string {
  const product = productSeeds.find((p) => p.spu === ref.spu);
  if (!product) throw new Error(`seed: unknown SPU "${ref.spu}"`);
  const wanted = Object.entries(ref.spec);
  const sku = planSkus(product).find(
    (s) => wanted.length === Object.keys(s.specValues).length && wanted.every(([k, v]) => s.specValues[k] === v),
  );
  if (!sku) throw new Error(`seed: ${ref.spu} has no SKU ${JSON.stringify(ref.spec)}`);
  return sku.skuCode;
}

/** Every SKU a group campaign sells, the one shown first included (group_campaign_skus). */
export function campaignSkuRefs(campaign: GroupCampaignSeed): SkuRef[] {
  const refs = (campaign.skus ?? []).map(({ spec }) => ({ spu: campaign.sku.spu, spec }));
  const first = skuCodeOf(campaign.sku);
  return [campaign.sku, ...refs.filter((ref) => skuCodeOf(ref) !== first)];
}

/** SKUs sold in a campaign, flash sale or live room: always well stocked, so the demo can sell them. */
export function featuredSkuCodes(): Set<string> {
  const refs: SkuRef[] = [
    ...groupCampaignSeeds.flatMap((c) => campaignSkuRefs(c)),
    ...flashSaleSeeds.map((f) => f.sku),
    ...liveRoomSeeds.flatMap((room) => room.products.flatMap((p) => ('sku' in p ? [p.sku] : []))),
  ];
  return new Set(refs.map(skuCodeOf));
}

export type StockPlan = { onHand: number; safetyStock: number };

/**
 * Stock of a SKU at a store, derived from a hash of both codes: the same numbers on every run,
 * with a realistic mix — about 6 % out of stock, 10 % low (1–3 units), the rest 8–80 units.
 */
export function planStock(skuCode: string, storeCode: string, featured: boolean): StockPlan {
  const hash = fnv1a(`${skuCode}@${storeCode}`);
  const bucket = hash % 100;
  const spread = hash >>> 8;
  const safetyStock = (hash >>> 20) % 3;
  if (featured) return { onHand: 60 + (spread % 60), safetyStock };
  if (bucket < 6) return { onHand: 0, safetyStock };
  if (bucket < 16) return { onHand: 1 + (spread % 3), safetyStock };
  return { onHand: 8 + (spread % 73), safetyStock };
}

/** Catches data mistakes before anything is written; the messages name the offending row. */
export function validateSeedData(): void {
  const categoryPaths = new Set(categorySeeds.flatMap((c) => c.children.map((child) => `${c.name}/${child.name}`)));
  const spus = new Set<string>();
  const digits = new Set<string>();
  for (const product of productSeeds) {
    const where = `product ${product.spu}`;
    if (spus.has(product.spu)) throw new Error(`seed: duplicate SPU in ${where}`);
    // Barcodes are built from the SPU's digits, so those must be unique too.
    if (digits.has(spuDigits(product.spu))) throw new Error(`seed: SPU digits reused in ${where}`);
    spus.add(product.spu);
    digits.add(spuDigits(product.spu));
    if (!categoryPaths.has(product.category.join('/'))) throw new Error(`seed: unknown category in ${where}`);
    const count = planSkus(product).length;
    if (count < 1 || count > MAX_SKUS_PER_PRODUCT) throw new Error(`seed: ${where} has ${count} SKUs`);
  }
  featuredSkuCodes(); // throws when a campaign or live room names a SKU that does not exist
}
