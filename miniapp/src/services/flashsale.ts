import { request, type RequestFlags } from './http'

/** 限时秒杀 on one SKU. */
export interface FlashSale {
  id: number
  title: string
  productId: number
  imageUrl: string
  priceFen: number
  listPriceFen: number | null
  startsAt: string
  endsAt: string
  /** Share of the allocated stock already sold, 0–100. */
  soldPercent: number
}

/** GET /api/flashsales — current and upcoming. */
export async function getFlashSales(flags: RequestFlags = {}): Promise<FlashSale[]> {
  return (await request<{ items: FlashSale[] }>('/api/flashsales', flags)).items
}
