import type { FlashSaleState } from './catalog';
import { request, type RequestFlags } from './http';

/** 限时秒杀 on one SKU. */
export interface FlashSale {
  id: number;
  title: string;
  productId: number;
  skuId: number;
  imageUrl: string;
  priceFen: number;
  /** The SKU's own price. */
  listPriceFen: number | null;
  startsAt: string;
  endsAt: string;
  /** Share of the allocated stock already sold, 0–100. */
  soldPercent: number;
  state: FlashSaleState;
  /** Units still to be had. */
  remaining: number;
  /** Units one member may buy. */
  perUserLimit: number;
}

/** GET /api/flashsales — running ones and those opening within a day, soonest first. */
export async function getFlashSales(flags: RequestFlags = {}): Promise<FlashSale[]> {
  return (await request<{ items: FlashSale[] }>('/api/flashsales', flags)).items;
}
