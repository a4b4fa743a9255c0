import Taro from '@tarojs/taro';

const TOKEN_KEY = 'auth.token';
const USER_ID_KEY = 'auth.userId';
/** H5 only: which seeded demo account the sandbox signs in (set by tests or by hand). */
const DEMO_OPENID_KEY = 'auth.demoOpenid';

export function getToken(): string {
  return Taro.getStorageSync<string>(TOKEN_KEY) || '';
}

export function saveSession(token: string, userId: number): void {
  Taro.setStorageSync(TOKEN_KEY, token);
  Taro.setStorageSync(USER_ID_KEY, userId);
}

export function clearToken(): void {
  Taro.removeStorageSync(TOKEN_KEY);
}

/** The signed-in member's id, kept after the token expires so shares stay attributed. */
export function getUserId(): number | null {
  const id = Taro.getStorageSync<number | ''>(USER_ID_KEY);
  return typeof id === 'number' ? id : null;
}

export function getDemoOpenid(): string {
  return Taro.getStorageSync<string>(DEMO_OPENID_KEY) || 'demo-customer-1';
}
