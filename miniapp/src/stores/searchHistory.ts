import Taro from '@tarojs/taro';
import { pushHistory } from '../utils/history';

const KEY = 'search.history';
export const MAX_HISTORY = 10;

/** Recent searches on this phone, newest first. */
export function getSearchHistory(): string[] {
  const saved = Taro.getStorageSync<string[] | ''>(KEY);
  return Array.isArray(saved) ? saved.filter((item) => typeof item === 'string') : [];
}

export function addSearchHistory(word: string): string[] {
  const next = pushHistory(getSearchHistory(), word, MAX_HISTORY);
  Taro.setStorageSync(KEY, next);
  return next;
}

export function clearSearchHistory(): void {
  Taro.removeStorageSync(KEY);
}
