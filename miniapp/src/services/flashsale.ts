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
