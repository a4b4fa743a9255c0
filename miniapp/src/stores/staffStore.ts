import Taro from '@tarojs/taro';

/**
 * The store head office (admin, bound to no store) is working on in the staff workspace,
 * remembered across launches. Store staff always act on their own store and never read this.
 */
export interface ChosenStore {
  id: number;
  name: string;
}

const KEY = 'staff.store';

export function getChosenStore(): ChosenStore | null {
  const saved = Taro.getStorageSync<ChosenStore | ''>(KEY);
  return saved && typeof saved === 'object' && typeof saved.id === 'number' ? saved : null;
}

export function setChosenStore(store: ChosenStore): void {
  Taro.setStorageSync(KEY, { id: store.id, name: store.name } satisfies ChosenStore);
}
