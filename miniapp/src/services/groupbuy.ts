import { request, type RequestFlags } from './http'

/** A 拼团 campaign on one SKU. */
export interface GroupBuy {
  id: number
  title: string
  productId: number
  skuId: number
  imageUrl: string
  groupPriceFen: number
  /** 团长价; null when the campaign has none. */
  leaderPriceFen: number | null
  /** What buying alone costs (the SKU price). */
  listPriceFen: number | null
  groupSize: number
  endsAt: string
}

/** GET /api/groupbuys — running campaigns, ending soonest first. */
export async function getGroupBuys(flags: RequestFlags = {}): Promise<GroupBuy[]> {
  return (await request<{ items: GroupBuy[] }>('/api/groupbuys', flags)).items
}
