import { useCallback, useEffect, useRef, useState } from 'react';
import { locate, type LocateResult } from '../../platform/location';
import { errorMessage } from '../../services/errors';
import { getStores, type Store } from '../../services/store';

export type StoreListState =
  | { status: 'loading' }
  | { status: 'error'; message: string }
  | {
      status: 'ready';
      stores: Store[];
      /** Why the list is in the default order instead of by distance; null when located. */
      noLocation: 'denied' | 'privacy' | 'unavailable' | null;
    };

/**
 * The stores nearest first, with whether they have the given SKUs. Without a position (refused,
 * or no GPS, as on H5 without permission) the list still comes, in its default order.
 */
export function useStoreList(skuIds: number[], qty: number[]): { state: StoreListState; relocate: (fresh?: boolean) => void } {
  const [state, setState] = useState<StoreListState>({ status: 'loading' });
  const latest = useRef(0);
  const key = `${skuIds.join(',')}|${qty.join(',')}`;

  const load = useCallback(
    (fresh = false) => {
      const call = ++latest.current;
      setState((previous) => (previous.status === 'ready' ? previous : { status: 'loading' }));
      void (async () => {
        const position: LocateResult = await locate({ fresh });
        try {
          const near = position.ok ? { lat: position.lat, lng: position.lng } : {};
          const stores = await getStores({ ...near, skuIds, qty: qty.length === skuIds.length ? qty : undefined }, { silent: true });
          if (call === latest.current) setState({ status: 'ready', stores, noLocation: position.ok ? null : position.reason });
        } catch (error) {
          if (call === latest.current) setState({ status: 'error', message: errorMessage(error) });
        }
      })();
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `key` stands for the two arrays
    [key],
  );

  useEffect(() => load(), [load]);
  return { state, relocate: load };
}
