import { useDidShow } from '@tarojs/taro';
import { useCallback, useEffect, useRef, useState } from 'react';
import { getRefundRequests, getStoreMetrics, getStoreQueue, getStoreStock } from '../../services/staff';
import { hasRole } from '../../utils/staff';
import type { StaffContext } from './useStaff';

/** The numbers on the workspace tiles; null while unknown (loading, failed, or not for this role). */
export interface WorkspaceCounts {
  preparing: number | null;
  ready: number | null;
  pickedToday: number | null;
  lowStock: number | null;
  afterSale: number | null;
  gmvFen: number | null;
}

const UNKNOWN: WorkspaceCounts = { preparing: null, ready: null, pickedToday: null, lowStock: null, afterSale: null, gmvFen: null };

/**
 * The workspace home's counts for the store, read when the page opens and each time staff come
 * back to it. Each number loads on its own: one failing leaves the others (and the tiles) usable.
 */
export function useWorkspace(staff: StaffContext) {
  const [counts, setCounts] = useState<WorkspaceCounts>(UNKNOWN);
  const { storeId, role } = staff;
  const generation = useRef(0);

  const load = useCallback(() => {
    if (storeId === null) return Promise.resolve();
    const current = ++generation.current;
    const put = (patch: Partial<WorkspaceCounts>) => {
      if (current === generation.current) setCounts((previous) => ({ ...previous, ...patch }));
    };
    const quiet = { silent: true };
    const manager = hasRole(role, 'manager');
    return Promise.allSettled([
      getStoreQueue(storeId, 'preparing', quiet).then((items) => put({ preparing: items.length })),
      getStoreQueue(storeId, 'ready_for_pickup', quiet).then((items) => put({ ready: items.length })),
      getStoreQueue(storeId, 'picked_up_today', quiet).then((items) => put({ pickedToday: items.length })),
      getStoreStock({ storeId, lowOnly: true, pageSize: 1 }, quiet).then((page) => put({ lowStock: page.total })),
      manager
        ? getRefundRequests({ storeId, status: 'requested', pageSize: 1 }, quiet).then((page) => put({ afterSale: page.total }))
        : null,
      manager
        ? getStoreMetrics(storeId, quiet).then((metrics) => put({ gmvFen: metrics.gmvByChannel.reduce((sum, row) => sum + row.gmvFen, 0) }))
        : null,
    ]).then(() => undefined);
  }, [storeId, role]);

  useEffect(() => {
    setCounts(UNKNOWN);
    void load();
  }, [load]);
  // Back from a work page (an order prepared, a request answered): refresh in place.
  useDidShow(() => void load());

  return { counts, reload: load };
}
