import type { AppDeps } from '../../deps';
import { distanceMeters } from '../../domain/geo';
import { hoursOn, isOpenAt } from '../../domain/opening-hours';
import { listOpenStores, sellableByStore } from './queries';

type Deps = Pick<AppDeps, 'db' | 'now'>;

/**
 * Pickup stores for the picker: nearest first when the customer shared a location (stable by
 * id otherwise), each saying whether the whole cart is in stock there for online orders.
 */
export async function listStores(deps: Deps, query: { lat?: number; lng?: number; skuIds?: number[]; qty?: number[] }) {
  const now = deps.now();
  const [rows, stock] = await Promise.all([listOpenStores(deps.db), sellableByStore(deps.db, query.skuIds ?? [])]);
  const wanted = cartLines(query.skuIds, query.qty);
  const here = query.lat !== undefined && query.lng !== undefined ? { lat: query.lat, lng: query.lng } : undefined;
  const items = rows.map((store) => ({
    id: store.id,
    name: store.name,
    city: store.city,
    district: store.district,
    address: store.address,
    phone: store.phone,
    lat: store.lat,
    lng: store.lng,
    distanceMeters: here ? Math.round(distanceMeters(here, store)) : null,
    openNow: isOpenAt(store.openingHours, now),
    todayHours: hoursOn(store.openingHours, now),
    inStock: wanted.size ? [...wanted].every(([skuId, qty]) => (stock.get(store.id)?.get(skuId) ?? 0) >= qty) : null,
  }));
  if (here) items.sort((a, b) => a.distanceMeters! - b.distanceMeters! || a.id - b.id);
  return { items };
}

/** The same SKU twice in a cart counts once with the quantities added. */
function cartLines(skuIds: number[] = [], qty: number[] = []): Map<number, number> {
  const lines = new Map<number, number>();
  skuIds.forEach((skuId, i) => lines.set(skuId, (lines.get(skuId) ?? 0) + (qty[i] ?? 1)));
  return lines;
}
