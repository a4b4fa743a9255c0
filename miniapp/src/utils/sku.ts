/**
 * The SKU picker's rules, free of Taro so they can be table-tested: which spec values can be
 * chosen given the others, which SKU a full choice names, and how stock reads to a shopper.
 */

export interface SpecDimension {
  name: string;
  values: string[];
}

export interface SkuLike {
  id: number;
  /** { 颜色: '黑', 尺码: 'M' } */
  specValues: Record<string, string>;
  /** Units sellable online (at the chosen store, or across stores). */
  sellable: number;
}

/** The value chosen per spec dimension; a dimension with no choice yet is absent. */
export type SpecSelection = Record<string, string>;

/** The highest quantity one cart line may hold (the BFF answers CART_LINE_LIMIT above it). */
export const MAX_LINE_QTY = 99;

function matches(sku: SkuLike, selection: SpecSelection): boolean {
  return Object.entries(selection).every(([name, value]) => sku.specValues[name] === value);
}

/**
 * Whether tapping `value` of dimension `name` leads anywhere: some SKU agrees with it and with
 * the values already chosen in the other dimensions, and has stock. Values with no SKU or none
 * in stock are shown disabled.
 */
export function isValueAvailable(skus: readonly SkuLike[], selection: SpecSelection, name: string, value: string): boolean {
  const candidate = { ...selection, [name]: value };
  return skus.some((sku) => sku.sellable > 0 && matches(sku, candidate));
}

/** The SKU a complete choice names; null while a dimension is still open (or no SKU fits). */
export function chosenSku<T extends SkuLike>(specs: readonly SpecDimension[], skus: readonly T[], selection: SpecSelection): T | null {
  if (specs.some((spec) => selection[spec.name] === undefined)) return null;
  if (specs.length === 0) return skus.length === 1 ? skus[0] : null;
  return skus.find((sku) => matches(sku, selection)) ?? null;
}

/** The dimensions still to choose, in display order ("请选择 尺码"). */
export function missingSpecs(specs: readonly SpecDimension[], selection: SpecSelection): string[] {
  return specs.filter((spec) => selection[spec.name] === undefined).map((spec) => spec.name);
}

/** Chooses `value`, or clears it when it was already chosen. */
export function toggleValue(selection: SpecSelection, name: string, value: string): SpecSelection {
  const next = { ...selection };
  if (next[name] === value) delete next[name];
  else next[name] = value;
  return next;
}

/**
 * Where the picker starts: the values of `preferredSkuId` (the SKU of the activity the customer
 * came from) when the product has it, else every dimension that has a single value.
 */
export function initialSelection(specs: readonly SpecDimension[], skus: readonly SkuLike[], preferredSkuId?: number | null): SpecSelection {
  const preferred = preferredSkuId != null ? skus.find((sku) => sku.id === preferredSkuId) : undefined;
  if (preferred) return { ...preferred.specValues };
  const selection: SpecSelection = {};
  for (const spec of specs) {
    if (spec.values.length === 1) selection[spec.name] = spec.values[0];
  }
  return selection;
}

export type StockTone = 'out' | 'low' | 'ok';

/** How much is left, the way shops say it: 无货 · 仅剩3件 · 库存紧张 · 有货. */
export function stockHint(sellable: number): { text: string; tone: StockTone } {
  if (sellable <= 0) return { text: '无货', tone: 'out' };
  if (sellable <= 5) return { text: `仅剩${sellable}件`, tone: 'low' };
  if (sellable <= 20) return { text: '库存紧张', tone: 'low' };
  return { text: '有货', tone: 'ok' };
}

/** The quantity bounds of the stepper: at least 1, at most what is sellable (and the line limit). */
export function clampQty(qty: number, sellable: number): number {
  const max = Math.max(1, Math.min(sellable, MAX_LINE_QTY));
  return Math.min(max, Math.max(1, Math.floor(qty)));
}
