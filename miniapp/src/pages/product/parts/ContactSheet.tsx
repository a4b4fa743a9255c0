import { Text, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import { BottomSheet } from '../../../components/BottomSheet';
import { PillButton } from '../../../components/PillButton';
import { callPhone } from '../../../platform/contact';
import { getStores, type Store } from '../../../services/store';

interface ContactSheetProps {
  open: boolean;
  /** The pickup store the page shows; null before one is chosen (then the first store). */
  storeId: number | null;
  onClose: () => void;
}

type Loaded = { status: 'loading' } | { status: 'error' } | { status: 'ready'; store: Store | null };

/** 联系客服 where there is no WeChat customer-service chat (H5): the pickup store's phone, to call. */
export function ContactSheet({ open, storeId, onClose }: ContactSheetProps) {
  const [loaded, setLoaded] = useState<Loaded>({ status: 'loading' });
  useEffect(() => {
    if (!open) return;
    let live = true;
    setLoaded({ status: 'loading' });
    getStores({}, { silent: true }).then(
      (stores) => live && setLoaded({ status: 'ready', store: stores.find((s) => s.id === storeId) ?? stores[0] ?? null }),
      () => live && setLoaded({ status: 'error' }),
    );
    return () => {
      live = false;
    };
  }, [open, storeId]);

  const store = loaded.status === 'ready' ? loaded.store : null;
  return (
    <BottomSheet
      open={open}
      onClose={onClose}
      title="联系客服"
      className="product-contact-sheet"
      footer={
        <PillButton block disabled={!store} onClick={() => store && void callPhone(store.phone).catch(() => undefined)}>
          {store ? `拨打 ${store.phone}` : '拨打电话'}
        </PillButton>
      }
    >
      {loaded.status === 'loading' && <Text className="product-contact-sheet__hint">正在查询门店电话…</Text>}
      {loaded.status === 'error' && <Text className="product-contact-sheet__hint">门店电话暂时查不到，请稍后再试</Text>}
      {loaded.status === 'ready' && !store && <Text className="product-contact-sheet__hint">暂无可联系的门店</Text>}
      {store && (
        <View className="product-contact-sheet__store">
          <Text className="product-contact-sheet__hint">商品、库存、自提有疑问，门店店员为你解答</Text>
          <Text className="product-contact-sheet__name">{store.name}</Text>
          <Text className="product-contact-sheet__line">{store.address}</Text>
          <Text className="product-contact-sheet__line">
            {store.todayHours ? `今日营业 ${store.todayHours}` : '今日休息'} · 电话 {store.phone}
          </Text>
        </View>
      )}
    </BottomSheet>
  );
}
