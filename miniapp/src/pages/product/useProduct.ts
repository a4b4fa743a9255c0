import { useCallback, useEffect, useRef, useState } from 'react';
import { getProduct, type ProductDetail } from '../../services/catalog';
import { errorMessage, isApiError } from '../../services/errors';

export type ProductState =
  { status: 'loading' } | { status: 'notFound' } | { status: 'error'; message: string } | { status: 'ready'; product: ProductDetail };

/**
 * The product with each SKU's stock at `storeId`. A new store re-reads it in the background:
 * the page stays as it is until the fresh stock arrives.
 */
export function useProduct(id: number, storeId: number | null): { state: ProductState; reload: () => void } {
  const [state, setState] = useState<ProductState>({ status: 'loading' });
  const latest = useRef(0);

  const reload = useCallback(() => {
    const call = ++latest.current;
    if (!Number.isInteger(id) || id <= 0) {
      setState({ status: 'notFound' });
      return;
    }
    setState((previous) => (previous.status === 'ready' ? previous : { status: 'loading' }));
    getProduct(id, storeId, { silent: true }).then(
      (product) => {
        if (call === latest.current) setState({ status: 'ready', product });
      },
      (error: unknown) => {
        if (call !== latest.current) return;
        if (isApiError(error) && (error.status === 404 || error.code === 'PRODUCT_NOT_FOUND')) setState({ status: 'notFound' });
        else setState((previous) => (previous.status === 'ready' ? previous : { status: 'error', message: errorMessage(error) }));
      },
    );
  }, [id, storeId]);

  useEffect(reload, [reload]);
  return { state, reload };
}
