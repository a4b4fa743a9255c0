import Taro from '@tarojs/taro';
import { wgs84ToGcj02, type LatLng } from '../utils/geo';

/**
 * Where the customer is, in GCJ-02 (the coordinates stores are recorded in), or why not:
 * `denied` — the customer (or the browser) refused; `privacy` — the customer refused WeChat's
 * privacy agreement (platform/privacy.ts; asking again shows it again); `unavailable` — no fix, a
 * timeout, or a platform without geolocation. Never rejects: every caller has a fallback (the
 * stores in their default order, without distance).
 */
export type LocateResult = ({ ok: true } & LatLng) | { ok: false; reason: 'denied' | 'privacy' | 'unavailable' };

const TIMEOUT_MS = 8_000;
/** A fix is reused this long, so moving between pages does not ask the GPS again. */
const REUSE_MS = 5 * 60_000;

let lastFix: { at: number; result: LocateResult & { ok: true } } | null = null;

export interface LocateOptions {
  /** Skip the remembered fix (the store picker's 重新定位). */
  fresh?: boolean;
  /**
   * false: only use location the customer has already allowed, never ask (a product page
   * choosing a default store must not pop a permission dialog); resolves `unavailable` instead.
   */
  ask?: boolean;
}

export async function locate({ fresh = false, ask = true }: LocateOptions = {}): Promise<LocateResult> {
  if (!fresh && lastFix && Date.now() - lastFix.at < REUSE_MS) return lastFix.result;
  if (!ask && !(await alreadyAllowed())) return { ok: false, reason: 'unavailable' };
  try {
    const result = await withTimeout(position(), TIMEOUT_MS);
    if (result.ok) lastFix = { at: Date.now(), result };
    return result;
  } catch (error) {
    return { ok: false, reason: whyNot(error) };
  }
}

/** Whether the platform can send the customer to a settings page to allow location again. */
export const canOpenLocationSettings = process.env.TARO_ENV === 'weapp';

/**
 * weapp: opens the mini-program's settings so the customer can allow location after refusing
 * it; resolves whether it is allowed now. Elsewhere there is no such page: resolves false.
 */
export async function openLocationSettings(): Promise<boolean> {
  if (process.env.TARO_ENV !== 'weapp') return false;
  try {
    const { authSetting } = await Taro.openSetting();
    return authSetting['scope.userLocation'] === true;
  } catch {
    return false;
  }
}

async function position(): Promise<LocateResult> {
  if (process.env.TARO_ENV === 'weapp') {
    // Declared in app.config.ts (requiredPrivateInfos + permission); WeChat asks the first time.
    const { latitude, longitude } = await Taro.getLocation({ type: 'gcj02' });
    return { ok: true, lat: latitude, lng: longitude };
  }
  // Browsers only know WGS-84 (Taro's H5 getLocation rejects 'gcj02'), so convert here.
  const { latitude, longitude } = await Taro.getLocation({ type: 'wgs84', highAccuracyExpireTime: TIMEOUT_MS });
  return { ok: true, ...wgs84ToGcj02({ lat: latitude, lng: longitude }) };
}

/** Whether location was allowed before, found out without asking. */
async function alreadyAllowed(): Promise<boolean> {
  try {
    if (process.env.TARO_ENV === 'weapp') {
      const { authSetting } = await Taro.getSetting();
      return authSetting['scope.userLocation'] === true;
    }
    if (typeof navigator === 'undefined' || !navigator.permissions) return false;
    const status = await navigator.permissions.query({ name: 'geolocation' });
    return status.state === 'granted';
  } catch {
    return false;
  }
}

function whyNot(error: unknown): 'denied' | 'privacy' | 'unavailable' {
  const message = String((error as { errMsg?: unknown; message?: unknown } | null)?.errMsg ?? (error as Error | null)?.message ?? '');
  // "getLocation:fail privacy permission is not authorized": the agreement, not the permission.
  if (/privacy/i.test(message)) return 'privacy';
  return /deny|denied|permission|authorize|auth/i.test(message) ? 'denied' : 'unavailable';
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('timeout')), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}
