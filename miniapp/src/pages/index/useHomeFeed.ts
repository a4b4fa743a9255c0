import { useCallback, useEffect, useState } from 'react';
import { getCategories, type Category } from '../../services/catalog';
import { getFlashSales, type FlashSale } from '../../services/flashsale';
import { getGroupBuys, type GroupBuy } from '../../services/groupbuy';
import { getLives, type LiveRoom } from '../../services/live';

/** The home sections above the best sellers (those page through useProductList). */
export interface HomeFeed {
  categories: Category[];
  flashSales: FlashSale[];
  groupBuys: GroupBuy[];
  lives: LiveRoom[];
}

export type HomeState = { status: 'loading' } | { status: 'error' } | { status: 'ready'; feed: HomeFeed };

/**
 * Loads every home section in parallel. A section whose request fails is just left out; only
 * when all fail is the page an error.
 */
export function useHomeFeed(): { state: HomeState; reload: () => Promise<void> } {
  const [state, setState] = useState<HomeState>({ status: 'loading' });

  const reload = useCallback(async () => {
    // A retry after a failure shows the spinner; a pull-to-refresh keeps the current feed.
    setState((previous) => (previous.status === 'error' ? { status: 'loading' } : previous));
    const silent = { silent: true };
    const results = await Promise.allSettled([getCategories(silent), getFlashSales(silent), getGroupBuys({}, silent), getLives(silent)]);
    if (results.every((result) => result.status === 'rejected')) {
      setState({ status: 'error' });
      return;
    }
    const [categories, flashSales, groupBuys, lives] = results;
    setState({
      status: 'ready',
      feed: {
        categories: valueOrEmpty(categories),
        flashSales: valueOrEmpty(flashSales),
        groupBuys: valueOrEmpty(groupBuys),
        lives: valueOrEmpty(lives),
      },
    });
  }, []);

  useEffect(() => {
    void reload();
  }, [reload]);

  return { state, reload };
}

function valueOrEmpty<T>(result: PromiseSettledResult<T[]>): T[] {
  return result.status === 'fulfilled' ? result.value : [];
}
