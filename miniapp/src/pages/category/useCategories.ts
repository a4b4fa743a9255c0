import { useCallback, useEffect, useState } from 'react';
import { getCategories, type Category } from '../../services/catalog';
import { errorMessage } from '../../services/errors';

export type CategoriesState = { status: 'loading' } | { status: 'error'; message: string } | { status: 'ready'; categories: Category[] };

export function useCategories(): { state: CategoriesState; reload: () => void } {
  const [state, setState] = useState<CategoriesState>({ status: 'loading' });

  const reload = useCallback(() => {
    setState({ status: 'loading' });
    getCategories({ silent: true }).then(
      (categories) => setState({ status: 'ready', categories }),
      (error: unknown) => setState({ status: 'error', message: errorMessage(error) }),
    );
  }, []);

  useEffect(reload, [reload]);
  return { state, reload };
}
