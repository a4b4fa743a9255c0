import Taro from '@tarojs/taro';
import { openPage } from '../../utils/navigate';
import type { QueueFilter } from '../../services/staff';

/** Links inside the staff workspace. */
export const staffUrls = {
  home: '/pages/staff/index',
  /** `code`: a scanned payload to look up at once. */
  verify: (code?: string) => (code ? `/pages/staff/verify?code=${encodeURIComponent(code)}` : '/pages/staff/verify'),
  orders: (tab?: QueueFilter) => (tab ? `/pages/staff/orders?tab=${tab}` : '/pages/staff/orders'),
  till: '/pages/staff/till',
  stock: '/pages/staff/stock',
  afterSale: '/pages/staff/after-sale',
  metrics: '/pages/staff/metrics',
};

/** Back to the workspace home: one step back when it is underneath, else open it in place. */
export function backToWorkspace(): void {
  const stack = Taro.getCurrentPages();
  const below = stack.length > 1 ? stack[stack.length - 2] : null;
  if (below?.route?.replace(/^\//, '').split('?')[0] === 'pages/staff/index') void Taro.navigateBack();
  else void Taro.redirectTo({ url: staffUrls.home }).catch(() => openPage(staffUrls.home));
}
