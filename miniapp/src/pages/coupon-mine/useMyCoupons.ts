import { useCallback, useEffect, useRef, useState } from 'react';
import { errorMessage } from '../../services/errors';
import { getMyCoupons, type CouponTab, type MyCouponsPage } from '../../services/coupon';

export type MyCouponsState = { status: 'loading' } | { status: 'error'; message: string } | { status: 'ready'; page: MyCouponsPage };

/** 我的优惠券: one tab's coupons and every tab's count, read again when the tab changes. */
export function useMyCoupons(tab: CouponTab) {
  const [state, setState] = useState<MyCouponsState>({ status: 'loading' });
  const [counts, setCounts] = useState<MyCouponsPage['counts'] | null>(null);
  const generation = useRef(0);

  const load = useCallback(
    async (quiet: boolean) => {
      const current = ++generation.current;
      if (!quiet) setState({ status: 'loading' });
      try {
        const page = await getMyCoupons(tab, { silent: true });
        if (current !== generation.current) return;
        setState({ status: 'ready', page });
        setCounts(page.counts);
      } catch (error) {
        if (current !== generation.current) return;
        setState((previous) => (quiet && previous.status === 'ready' ? previous : { status: 'error', message: errorMessage(error) }));
      }
    },
    [tab],
  );

  useEffect(() => {
    void load(false);
  }, [load]);

  return { state, counts, reload: () => load(false), refresh: () => load(true) };
}
