import Taro from '@tarojs/taro';
import { openPage } from '../../utils/navigate';
import { routes } from '../../routes';

/** Back to the workspace home: one step back when it is underneath, else open it in place. */
export function backToWorkspace(): void {
  const stack = Taro.getCurrentPages();
  const below = stack.length > 1 ? stack[stack.length - 2] : null;
  if (below?.route?.replace(/^\//, '').split('?')[0] === routes.staffHome.path) void Taro.navigateBack();
  else void Taro.redirectTo({ url: routes.staffHome() }).catch(() => openPage(routes.staffHome()));
}
