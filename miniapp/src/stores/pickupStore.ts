import Taro from '@tarojs/taro';
import type { Store } from '../services/store';

/** What the app remembers about the pickup store (enough to show it before the list loads). */
export type PickupStore = Pick<Store, 'id' | 'name' | 'address' | 'distanceMeters'>;

export interface PickupChoice {
  store: PickupStore;
  /**
   * true when the customer picked it in the store picker: it stays until they pick another.
   * false for the automatic default (nearest with stock), which is worked out again each time.
   */
  byCustomer: boolean;
}

const KEY = 'pickup.store';

/** The pickup store the product page, the cart and (later) checkout use; null before any. */
export function getPickupChoice(): PickupChoice | null {
  const saved = Taro.getStorageSync<PickupChoice | ''>(KEY);
  return saved && typeof saved === 'object' && saved.store ? saved : null;
}

export function getPickupStoreId(): number | null {
  return getPickupChoice()?.store.id ?? null;
}

/** Remembers the store across launches; a customer's choice is never replaced by a default. */
export function setPickupStore(store: PickupStore, byCustomer: boolean): void {
  if (!byCustomer && getPickupChoice()?.byCustomer) return;
  const { id, name, address, distanceMeters } = store;
  Taro.setStorageSync(KEY, { store: { id, name, address, distanceMeters }, byCustomer } satisfies PickupChoice);
}
