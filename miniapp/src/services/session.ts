import Taro from '@tarojs/taro';

const TOKEN_KEY = 'auth.token';
const USER_ID_KEY = 'auth.userId';

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
