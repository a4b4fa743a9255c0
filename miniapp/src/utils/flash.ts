/** 秒杀 list rules, free of Taro so they can be table-tested. */
import type { FlashSaleState } from '../services/catalog';

/** The call to action of a sale: only a running one with stock can be bought. */
export function flashAction(state: FlashSaleState): { text: string; enabled: boolean } {
  if (state === 'running') return { text: '立即抢购', enabled: true };
  if (state === 'sold_out') return { text: '已抢光', enabled: false };
  return { text: '即将开抢', enabled: false };
}

/** What the clock counts down to: the start of an upcoming sale, the end of any other. */
export function flashClock(sale: { state: FlashSaleState; startsAt: string; endsAt: string }): { label: string; target: string } {
  return sale.state === 'upcoming' ? { label: '距开抢', target: sale.startsAt } : { label: '距结束', target: sale.endsAt };
}

/** The list's two groups: on now (sold out ones too, greyed), and opening later, soonest first. */
export function splitFlashSales<T extends { state: FlashSaleState; startsAt: string }>(
  sales: readonly T[],
): { current: T[]; upcoming: T[] } {
  const byStart = (a: T, b: T) => Date.parse(a.startsAt) - Date.parse(b.startsAt);
  return {
    // Sold-out sales sink below the ones that can still be had.
    current: sales
      .filter((sale) => sale.state !== 'upcoming')
      .sort((a, b) => Number(a.state === 'sold_out') - Number(b.state === 'sold_out') || byStart(a, b)),
    upcoming: sales.filter((sale) => sale.state === 'upcoming').sort(byStart),
  };
}

/** A sold share between 0 and 100, whatever the BFF sent. */
export function clampPercent(percent: number): number {
  if (!Number.isFinite(percent)) return 0;
  return Math.min(100, Math.max(0, Math.round(percent)));
}
