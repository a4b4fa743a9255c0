import Taro, { useRouter } from '@tarojs/taro';
import { View } from '@tarojs/components';
import { useMemo, useState } from 'react';
import { StateView } from '../../components/StateView';
import { canOpenLocationSettings, openLocationSettings } from '../../platform/location';
import type { Store } from '../../services/store';
import { getPickupStoreId, setPickupStore } from '../../stores/pickupStore';
import { openPage } from '../../utils/navigate';
import { LocationNotice } from './parts/LocationNotice';
import { StoreItem } from './parts/StoreItem';
import { useStoreList } from './useStoreList';
import { PrivacyPopup } from '../../components/PrivacyPopup';
import './index.scss';
import { routes } from '../../routes';

/** "1,2,3" → [1, 2, 3]; anything unreadable is dropped. */
function idList(value: string | undefined): number[] {
  return (value ? decodeURIComponent(value) : '')
    .split(',')
    .map(Number)
    .filter((n) => Number.isInteger(n) && n > 0);
}

/**
 * 选择自提门店 (`?skuIds=1,2&qty=1,3`: each store says whether it has them all). Locating the
 * customer may need WeChat's privacy agreement, so the popup is there from the first render.
 */
export default function StorePickerPage() {
  return (
    <>
      <StorePicker />
      <PrivacyPopup />
    </>
  );
}

function StorePicker() {
  const { params } = useRouter();
  const skuIds = useMemo(() => idList(params.skuIds), [params.skuIds]);
  const qty = useMemo(() => idList(params.qty), [params.qty]);
  const { state, relocate } = useStoreList(skuIds, qty);
  const [chosenId] = useState(() => getPickupStoreId());

  const retryLocation = async () => {
    if (state.status === 'ready' && state.noLocation === 'denied' && canOpenLocationSettings) {
      // WeChat will not ask again once refused: the customer allows it in the settings page.
      const allowed = await openLocationSettings();
      if (!allowed) return;
    }
    relocate(true);
  };

  const choose = (store: Store) => {
    setPickupStore(store, true);
    void Taro.navigateBack().catch(() => openPage(routes.home()));
  };

  if (state.status === 'loading') return <StateView kind="loading" />;
  if (state.status === 'error') return <StateView kind="error" message={state.message} onRetry={() => relocate()} />;
  return (
    <View className="store-picker page-root">
      {state.noLocation ? (
        <LocationNotice reason={state.noLocation} onRetry={() => void retryLocation()} />
      ) : (
        <View className="store-picker__hint">已按距离由近到远排序</View>
      )}
      {state.stores.length === 0 ? (
        <StateView kind="empty" title="暂无可自提的门店" description="门店正在筹备中，敬请期待" />
      ) : (
        <View className="store-picker__list">
          {state.stores.map((store) => (
            <StoreItem
              key={store.id}
              store={store}
              chosen={store.id === chosenId}
              checkStock={skuIds.length > 0}
              onChoose={() => choose(store)}
            />
          ))}
        </View>
      )}
    </View>
  );
}
