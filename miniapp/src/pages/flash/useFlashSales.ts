import { useDidShowAgain } from '../../hooks/useDidShowAgain';
import { usePageData, type PageData } from '../../hooks/usePageData';
import { getFlashSales, type FlashSale } from '../../services/flashsale';

const readSales = () => getFlashSales({ silent: true });

/**
 * The running and upcoming flash sales, read again when the page shows (someone may have bought
 * the last one meanwhile) and whenever a countdown runs out (a sale opened or ended).
 */
export function useFlashSales(): PageData<FlashSale[]> {
  const sales = usePageData(readSales);
  useDidShowAgain(() => void sales.reload());
  return sales;
}
