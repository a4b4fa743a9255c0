import { useLaunch } from '@tarojs/taro';
import type { PropsWithChildren } from 'react';
import { preloadSubscribeTemplates } from './platform/subscribe';
import { startSession } from './services/auth';
import './app.scss';

// Silent login before any page is created, so the first page's requests find the login in flight
// and wait for it (docs/architecture.md#sign-in).
startSession();

/** The app shell: Taro renders the current page as `children`. */
function App({ children }: PropsWithChildren) {
  useLaunch(() => {
    // The subscribe-message ids must be at hand before the first tap that asks for consent.
    void preloadSubscribeTemplates();
  });
  return children;
}

export default App;
