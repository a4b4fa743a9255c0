import { useLaunch } from '@tarojs/taro';
import type { PropsWithChildren } from 'react';
import { installPrivacyHandler } from './platform/privacy';
import { preloadSubscribeTemplates } from './platform/subscribe';
import { startSession } from './services/auth';
import { refreshCartBadge } from './services/cart';
import './app.scss';

// Silent login before any page is created, so the first page's requests find the login in flight
// and wait for it (docs/architecture.md#sign-in).
startSession();
// Before any page can call an API that needs the privacy agreement.
installPrivacyHandler();

/** The app shell: Taro renders the current page as `children`. */
function App({ children }: PropsWithChildren) {
  useLaunch(() => {
    // The subscribe-message ids must be at hand before the first tap that asks for consent.
    void preloadSubscribeTemplates();
    // The tab-bar 购物车 badge from the start (after the launch login, which the request waits for).
    void refreshCartBadge();
  });
  return children;
}

export default App;
