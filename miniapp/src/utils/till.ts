import type { PayMethod, TillItemInput, TillQuote } from '../services/staff';

/**
 * The till's basket (收银台) as the page keeps it: SKU ids and quantities only. Prices, titles
 * and stock always come from the BFF's quote; after each quote the basket is rebuilt from it, so
 * a scanned barcode becomes its SKU and a repeated scan adds to the same line.
 */
export interface TillLine {
  skuId: number;
  qty: number;
}

/** What staff scanned or typed to add an item. */
export type ItemCode = { skuId: number } | { barcode: string };

/** The most of one SKU a sale may hold (the BFF's limit). */
export const MAX_LINE_QTY = 999;

/**
 * A typed or scanned item code: a barcode (EAN-8/13, UPC, GTIN-14 or a store's own code: 8–32
 * letters, digits or '-') or a SKU id (1–7 digits, as the 库存 list shows it). Null otherwise.
 */
export function parseItemCode(text: string): ItemCode | null {
  const compact = text.trim().replace(/\s+/g, '');
  if (/^\d{1,7}$/.test(compact)) {
    const skuId = Number(compact);
    return skuId > 0 ? { skuId } : null;
  }
  if (/^[0-9A-Za-z-]{8,32}$/.test(compact)) return { barcode: compact };
  return null;
}

/** The request items for the basket, with one more unit of `extra` at the end when given. */
export function basketItems(lines: TillLine[], extra?: ItemCode): TillItemInput[] {
  const items: TillItemInput[] = lines.map((line) => ({ skuId: line.skuId, qty: line.qty }));
  if (extra) items.push('barcode' in extra ? { barcode: extra.barcode, qty: 1 } : { skuId: extra.skuId, qty: 1 });
  return items;
}

/** The basket the quote describes: one line per SKU, repeats merged by the BFF. */
export function linesFromQuote(quote: Pick<TillQuote, 'items'>): TillLine[] {
  return quote.items.map((item) => ({ skuId: item.skuId, qty: item.qty }));
}

/** The basket with one line's quantity changed; 0 or less removes the line. */
export function withQty(lines: TillLine[], skuId: number, qty: number): TillLine[] {
  if (qty <= 0) return lines.filter((line) => line.skuId !== skuId);
  const capped = Math.min(qty, MAX_LINE_QTY);
  return lines.map((line) => (line.skuId === skuId ? { ...line, qty: capped } : line));
}

/** Units in the basket. */
export function basketPieces(lines: TillLine[]): number {
  return lines.reduce((sum, line) => sum + line.qty, 0);
}

export interface SummaryRow {
  label: string;
  amountFen: number;
  /** A discount: shown as −¥… in the price colour. */
  minus: boolean;
}

/**
 * The lines of the total as the till shows them: 商品金额, then each discount the BFF applied
 * under its own label (会员9折, 满199减20…). The payable is shown on its own.
 */
export function summaryRows(quote: Pick<TillQuote, 'itemsTotalFen' | 'adjustments'>): SummaryRow[] {
  const rows: SummaryRow[] = [{ label: '商品金额', amountFen: quote.itemsTotalFen, minus: false }];
  for (const adjustment of quote.adjustments) {
    if (adjustment.amountFen > 0) rows.push({ label: adjustment.label, amountFen: adjustment.amountFen, minus: true });
  }
  return rows;
}

/** Discounts in total (what the customer saved). */
export function savedFen(quote: Pick<TillQuote, 'itemsTotalFen' | 'payableFen'>): number {
  return Math.max(0, quote.itemsTotalFen - quote.payableFen);
}

/** The tenders in the order the till offers them, each with what the clerk does to take it. */
export const TILL_TENDERS: readonly { method: PayMethod; label: string; hint: string }[] = [
  { method: 'offline_wechat', label: '微信支付', hint: '顾客扫门店收款码' },
  { method: 'offline_alipay', label: '支付宝', hint: '顾客扫门店收款码' },
  { method: 'offline_cash', label: '现金', hint: '当面点清，找零' },
  { method: 'offline_card', label: '银行卡', hint: '门店刷卡机刷卡' },
];

/** 微信支付 / 支付宝 / 现金 / 银行卡: the tender as the till, the receipt and the day's totals name it. */
export function payMethodLabel(method: PayMethod): string {
  return TILL_TENDERS.find((tender) => tender.method === method)?.label ?? '其他';
}

/** Lines the store cannot fill at the quoted quantity (on hand − reserved is short). */
export function shortLines(quote: Pick<TillQuote, 'items'>): number[] {
  return quote.items.filter((item) => item.sellableAtTill < item.qty).map((item) => item.skuId);
}

export const MEMBER_CODE_LENGTH = 18;

/** What staff typed into the 会员码 box: digits only, at most 18. */
export function memberCodeInput(text: string): string {
  return text.replace(/\D/g, '').slice(0, MEMBER_CODE_LENGTH);
}

/** A scanned or typed 会员码 → its 18 digits, or null. */
export function parseMemberCode(text: string): string | null {
  const digits = text.trim().replace(/\s+/g, '');
  return new RegExp(`^\\d{${MEMBER_CODE_LENGTH}}$`).test(digits) ? digits : null;
}
