/** 秒杀 list rules, free of Taro so they can be table-tested. */
import type { FlashSaleState as ListedSaleState } from '../services/catalog';
import type { FlashSession } from '../services/flashsale';

/** A sale's state; a sale of a past session may also have `ended`. */
export type FlashSaleState = ListedSaleState | 'ended';

/** The call to action of a sale: only a running one with stock can be bought. */
export function flashAction(state: FlashSaleState): { text: string; enabled: boolean } {
  if (state === 'running') return { text: '立即抢购', enabled: true };
  if (state === 'sold_out') return { text: '已抢光', enabled: false };
  if (state === 'ended') return { text: '已结束', enabled: false };
  return { text: '即将开抢', enabled: false };
}

/** 开抢提醒 on a coming sale: 提醒我 until set, then 已设置提醒 (tap again to cancel). */
export function reminderAction(reminded: boolean, busy: boolean): { text: string; on: boolean } {
  if (busy) return { text: reminded ? '取消中…' : '设置中…', on: reminded };
  return reminded ? { text: '已设置提醒', on: true } : { text: '提醒我', on: false };
}

const SESSION_LABELS: Record<FlashSession['state'], string> = { started: '已开抢', running: '抢购中', upcoming: '即将开始' };

/**
 * A session tab: its start as the clock reads in Shanghai ("10:00", "明日 10:00") and its state
 * label (已开抢 / 抢购中 / 即将开始).
 */
export function sessionTab(session: Pick<FlashSession, 'startsAt' | 'day' | 'state'>): { time: string; day: string; label: string } {
  const shanghai = new Date(Date.parse(session.startsAt) + 8 * 3_600_000);
  const time = `${String(shanghai.getUTCHours()).padStart(2, '0')}:${String(shanghai.getUTCMinutes()).padStart(2, '0')}`;
  return { time, day: session.day === 1 ? '明日' : '', label: SESSION_LABELS[session.state] };
}

/** The tab to open: the session holding `saleId` (a 开抢提醒 message opens the page on it), else the BFF's pick. */
export function initialSession(
  data: { sessions: readonly { sales: readonly { id: number }[] }[]; currentIndex: number },
  saleId?: number,
): number {
  if (saleId !== undefined) {
    const holding = data.sessions.findIndex((session) => session.sales.some((sale) => sale.id === saleId));
    if (holding >= 0) return holding;
  }
  return Math.max(0, Math.min(data.currentIndex, data.sessions.length - 1));
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
