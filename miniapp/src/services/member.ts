import { request, type RequestFlags } from './http'

export type StaffRole = 'clerk' | 'manager' | 'admin'

export interface Tier {
  code: string
  name: string
  /** Price multiplier in percent: 90 = 9折. */
  discountPercent: number
}

/** The signed-in member (the BFF's `Member` schema). `staff` is set only for store staff. */
export interface Me {
  id: number
  nickname: string
  avatarUrl: string
  /** Masked for display, e.g. 138****5678. */
  phone: string | null
  birthday: string | null
  tier: Tier
  progress: {
    next: (Tier & { thresholdFen: number }) | null
    remainingFen: number
    percent: number
  }
  totalSpentFen: number
  points: number
  staff: { storeId: number | null; storeName: string | null; role: StaffRole } | null
}

/** GET /api/me */
export function getMe(flags: RequestFlags = {}): Promise<Me> {
  return request<Me>('/api/me', flags)
}
