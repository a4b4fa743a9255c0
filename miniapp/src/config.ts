/** Endpoints baked in at build time (see `endpoints` in config/index.ts). */
type Endpoints = { apiBase: string; sandboxBase: string };

/**
 * On H5 only, the page serving the bundle may point it elsewhere by setting
 * `window.__SHOP_ENDPOINTS__` before the app loads: the browser tests run their own BFF and
 * WeChat sandbox on free ports. The weapp build always uses the baked-in values.
 */
function runtimeOverride(): Partial<Endpoints> {
  if (process.env.TARO_ENV !== 'h5') return {};
  // globalThis is the page's window on H5 (and keeps this file free of DOM typings for unit tests).
  return (globalThis as { __SHOP_ENDPOINTS__?: Partial<Endpoints> }).__SHOP_ENDPOINTS__ ?? {};
}

const override = runtimeOverride();
export const apiBase: string = override.apiBase ?? API_BASE;
/** The local WeChat sandbox, H5 only (platform/sandbox.ts); a weapp build has none. */
export const sandboxBase: string = WECHAT_SANDBOX ? (override.sandboxBase ?? SANDBOX_BASE) : '';
