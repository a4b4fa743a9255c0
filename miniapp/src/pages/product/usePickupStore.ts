import { useDidShow } from '@tarojs/taro';
import { useCallback, useRef, useState } from 'react';
import { locate } from '../../platform/location';
import { getStores } from '../../services/store';
import { getPickupChoice, setPickupStore, type PickupStore } from '../../stores/pickupStore';

/**
 * The store the customer would pick up from. Their own choice (store picker) wins; without
 * one the default is the nearest store that has `skuId` when location is already allowed,
 * else the first such store in the usual order, else simply the first store. The default is worked out
 * once per visit and remembered as a default (the cart uses it too).
 */
export function usePickupStore(): { store: PickupStore | null; chooseDefault: (skuId: number | null) => void } {
  const [store, setStore] = useState<PickupStore | null>(() => getPickupChoice()?.store ?? null);
  const defaulted = useRef(false);

  // Back from the store picker: take what was chosen there.
  useDidShow(() => {
    const saved = getPickupChoice()?.store ?? null;
    setStore((current) => (current?.id === saved?.id ? current : saved));
  });

  const chooseDefault = useCallback((skuId: number | null) => {
    if (defaulted.current || getPickupChoice()?.byCustomer) return;
    defaulted.current = true;
    void (async () => {
      // Only a position the customer already allowed: this page never asks for it.
      const position = await locate({ ask: false });
      const near = position.ok ? { lat: position.lat, lng: position.lng } : {};
      const stores = await getStores({ ...near, skuIds: skuId ? [skuId] : undefined }, { silent: true }).catch(() => []);
      const pick = stores.find((candidate) => candidate.inStock !== false) ?? stores[0];
      if (!pick || getPickupChoice()?.byCustomer) return;
      setPickupStore(pick, false);
      setStore((current) => (current?.id === pick.id ? current : pick));
    })();
  }, []);

  return { store, chooseDefault };
}
