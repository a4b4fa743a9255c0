import { request, type RequestFlags } from './http'

/** A 拼团 campaign on one SKU. */
export interface GroupBuy {
  id: number
  title: string
  productId: number
  imageUrl: string
  groupPriceFen: number
  listPriceFen: number | null
  groupSize: number
  endsAt: string
}

/** GET /api/groupbuys — running campaigns. */
export async function getGroupBuys(flags: RequestFlags = {}): Promise<GroupBuy[]> {
  return (await request<{ items: GroupBuy[] }>('/api/groupbuys', flags)).items
}
