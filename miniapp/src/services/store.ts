import type { QueryOf, ResponseOf, Schema } from './api';
import { request, type RequestFlags } from './http';

/**
 * A pickup store (门店): GCJ-02 `lat`/`lng`; `distanceMeters` from the customer's position (null
 * without one); `todayHours` "09:30-21:30" (null when closed all day); `inStock` whether all the
 * given SKUs can be picked up here (null without SKUs).
 */
export type Store = Schema<'Store'>;

/**
 * GET /api/stores' query with the SKU lists as arrays (the wire takes them comma-separated):
 * `lat`/`lng` both or neither (nearest first); `qty` per SKU in the order of `skuIds` (1 each when left out).
 */
export type StoreQuery = Omit<QueryOf<'/api/stores', 'get'>, 'skuIds' | 'qty'> & { skuIds?: number[]; qty?: number[] };

/** GET /api/stores */
export async function getStores(query: StoreQuery = {}, flags: RequestFlags = {}): Promise<Store[]> {
  const data = {
    lat: query.lat,
    lng: query.lng,
    skuIds: query.skuIds?.length ? query.skuIds.join(',') : undefined,
    qty: query.skuIds?.length && query.qty?.length ? query.qty.join(',') : undefined,
  };
  return (await request<ResponseOf<'/api/stores', 'get'>>('/api/stores', { data, ...flags })).items;
}
