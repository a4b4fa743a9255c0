import { Text, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import { BottomSheet } from '../../../components/BottomSheet';
import { getStores, type Store } from '../../../services/store';

interface StoreSheetProps {
  open: boolean;
  currentId: number | null;
  onClose: () => void;
  onChoose: (store: Store) => void;
}

/** Head office picks the store it works on. */
export function StoreSheet({ open, currentId, onClose, onChoose }: StoreSheetProps) {
  const [stores, setStores] = useState<Store[] | null>(null);
  const [failed, setFailed] = useState(false);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    if (!open || stores) return;
    setFailed(false);
    getStores({}, { silent: true }).then(setStores, () => setFailed(true));
  }, [open, stores, attempt]);

  return (
    <BottomSheet open={open} onClose={onClose} title="选择门店" className="staff-store-sheet">
      {!stores && !failed && <Text className="staff-store-sheet__hint">正在加载门店…</Text>}
      {failed && (
        <Text className="staff-store-sheet__hint staff-store-sheet__hint--error" onClick={() => setAttempt((n) => n + 1)}>
          门店加载失败，点击重试
        </Text>
      )}
      {stores?.map((store) => (
        <View
          key={store.id}
          className={`staff-store-sheet__item ${store.id === currentId ? 'staff-store-sheet__item--on' : ''}`}
          hoverClass="staff-store-sheet__item--pressed"
          onClick={() => onChoose(store)}
        >
          <Text className="staff-store-sheet__name">{store.name}</Text>
          <Text className="staff-store-sheet__address">{store.address}</Text>
        </View>
      ))}
    </BottomSheet>
  );
}
