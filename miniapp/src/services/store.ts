import { request, type RequestFlags } from './http';

/** A pickup store (门店). */
export interface Store {
  id: number;
  name: string;
  city: string;
  district: string;
  address: string;
  phone: string;
  /** GCJ-02. */
  lat: number;
  lng: number;
  /** From the customer's position; null when no position was given. */
  distanceMeters: number | null;
  openNow: boolean;
  /** "09:30-21:30"; null when closed all day. */
  todayHours: string | null;
  /** Whether all the given SKUs (at their quantities) can be picked up here; null without SKUs. */
  inStock: boolean | null;
}

export interface StoreQuery {
  /** GCJ-02, both or neither: with them the list is nearest first. */
  lat?: number;
  lng?: number;
  skuIds?: number[];
  /** Quantity per SKU, same order as `skuIds` (1 each when left out). */
  qty?: number[];
}

/** GET /api/stores */
export async function getStores(query: StoreQuery = {}, flags: RequestFlags = {}): Promise<Store[]> {
  const data = {
    lat: query.lat,
    lng: query.lng,
    skuIds: query.skuIds?.length ? query.skuIds.join(',') : undefined,
    qty: query.skuIds?.length && query.qty?.length ? query.qty.join(',') : undefined,
  };
  return (await request<{ items: Store[] }>('/api/stores', { data, ...flags })).items;
}
