import Taro from '@tarojs/taro';
import { pages, tabPages, type PageUrl } from '../routes';

/**
 * Opens an app page by URL (made by `routes.x(…)` in routes.ts), using switchTab for tab pages.
 * Links to pages that later releases add (`upcomingRoutes`: live rooms…) say so until the page is
 * registered in routes.ts, instead of opening a blank route.
 */
export function openPage(url: PageUrl): void {
  const path = url.replace(/^\//, '').split('?')[0];
  if (tabPages.includes(path)) {
    void Taro.switchTab({ url });
  } else if (pages.includes(path)) {
    void Taro.navigateTo({ url });
  } else {
    void Taro.showToast({ title: '该功能即将上线，敬请期待', icon: 'none' });
  }
}
