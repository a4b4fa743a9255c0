import type { ResponseOf, Schema } from './api';
import { request, type RequestFlags } from './http';

/**
 * 限时秒杀 on one SKU: `listPriceFen` is the SKU's own price, `soldPercent` the share of the
 * allocated stock already sold (0–100), `perUserLimit` the units one member may buy.
 */
export type FlashSale = Schema<'FlashSale'>;

/** GET /api/flashsales — running ones and those opening within a day, soonest first. */
export async function getFlashSales(flags: RequestFlags = {}): Promise<FlashSale[]> {
  return (await request<ResponseOf<'/api/flashsales', 'get'>>('/api/flashsales', flags)).items;
}

/** A 秒杀场次: every sale starting at one time; `state` 已开抢 `started` / 抢购中 `running` / 即将开始 `upcoming`. */
export type FlashSession = Schema<'FlashSession'>;
/** A sale of a session: like FlashSale, and a past session's sale may have `ended`. */
export type FlashSessionSale = Schema<'FlashSessionSale'>;
export type FlashSessions = Schema<'FlashSessions'>;

/** GET /api/flashsales/sessions — today's and tomorrow's sessions by start time, and the tab to open on. */
export function getFlashSessions(flags: RequestFlags = {}): Promise<FlashSessions> {
  return request<FlashSessions>('/api/flashsales/sessions', flags);
}

export type FlashReminder = Schema<'FlashReminder'>;

/** PUT /api/flash-sales/{id}/reminder — 开抢提醒 (idempotent; 422 once the sale has started). */
export function setFlashReminder(flashSaleId: number, flags: RequestFlags = {}): Promise<FlashReminder> {
  return request<FlashReminder>(`/api/flash-sales/${flashSaleId}/reminder`, { method: 'PUT', ...flags });
}

/** DELETE /api/flash-sales/{id}/reminder — cancels it (idempotent). */
export function cancelFlashReminder(flashSaleId: number, flags: RequestFlags = {}): Promise<FlashReminder> {
  return request<FlashReminder>(`/api/flash-sales/${flashSaleId}/reminder`, { method: 'DELETE', ...flags });
}

/** GET /api/me/reminders — the sales I set 开抢提醒 for that are still to be sent. */
export async function getMyFlashReminders(flags: RequestFlags = {}): Promise<number[]> {
  return (await request<Schema<'MyReminders'>>('/api/me/reminders', flags)).flashSaleIds;
}
