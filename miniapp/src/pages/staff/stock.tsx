import Taro, { usePullDownRefresh, useReachBottom } from '@tarojs/taro';
import { Input, Text, View } from '@tarojs/components';
import { useCallback, useState } from 'react';
import { StateView } from '../../components/StateView';
import { ListFooter } from '../../components/ListFooter';
import { getStoreStock, type StockItem } from '../../services/staff';
import { StaffGate, type StaffAtStore } from './parts/StaffGate';
import { StockRow } from './parts/StockRow';
import { usePaged } from './usePaged';
import { useStaff } from './useStaff';
import './staff.scss';
import './stock.scss';

const PAGE_SIZE = 20;

/** 库存预警: SKUs the BFF flags as low (online sellable short of recent sales); or the whole stock, searchable. */
export default function StaffStockPage() {
  const gate = useStaff();
  return <StaffGate gate={gate}>{(staff) => <StockView staff={staff} />}</StaffGate>;
}

function StockView({ staff }: { staff: StaffAtStore }) {
  const [lowOnly, setLowOnly] = useState(true);
  const [typed, setTyped] = useState('');
  const [q, setQ] = useState('');
  const { storeId } = staff;
  const search = lowOnly ? '' : q;
  const fetch = useCallback(
    (page: number) => getStoreStock({ storeId, lowOnly, q: search, page, pageSize: PAGE_SIZE }, { silent: true }),
    [storeId, lowOnly, search],
  );
  const { state, reload, loadMore } = usePaged<StockItem>(fetch);

  usePullDownRefresh(() => {
    void reload(true).finally(() => Taro.stopPullDownRefresh());
  });
  useReachBottom(loadMore);

  return (
    <View className="staff-stock page-root">
      <View className="staff-stock__bar">
        <View className="staff-stock__switch">
          <View className={`staff-stock__option ${lowOnly ? 'staff-stock__option--on' : ''}`} onClick={() => setLowOnly(true)}>
            库存预警
          </View>
          <View className={`staff-stock__option ${!lowOnly ? 'staff-stock__option--on' : ''}`} onClick={() => setLowOnly(false)}>
            全部库存
          </View>
        </View>
        {!lowOnly && (
          <View className="staff-stock__search">
            <Input
              className="staff-stock__input"
              value={typed}
              placeholder="搜索商品名称或条码"
              placeholderClass="staff-stock__placeholder"
              confirmType="search"
              maxlength={64}
              onInput={(event) => setTyped(event.detail.value)}
              onConfirm={() => setQ(typed.trim())}
            />
            <Text className="staff-stock__go" onClick={() => setQ(typed.trim())}>
              搜索
            </Text>
          </View>
        )}
      </View>
      <View className="staff-list staff-stock__list">
        {state.status === 'ready' && state.items.length > 0 && (
          <Text className="staff-stock__summary">{lowOnly ? `${state.total} 个商品需要补货` : `共 ${state.total} 个商品`}</Text>
        )}
        {state.status === 'loading' && <StateView kind="loading" />}
        {state.status === 'error' && <StateView kind="error" message={state.message} onRetry={() => void reload()} />}
        {state.status === 'ready' && state.items.length === 0 && (
          <StateView
            kind="empty"
            title={lowOnly ? '暂无库存预警' : '没有找到商品'}
            description={lowOnly ? '各商品可售库存充足，可在「全部库存」查看明细' : '换个关键词试试'}
          />
        )}
        {state.status === 'ready' && state.items.length > 0 && (
          <>
            {state.items.map((item) => (
              <StockRow key={item.skuId} item={item} />
            ))}
            <ListFooter plain more={state.more} hasMore={state.items.length < state.total} onMore={loadMore} endText="没有更多商品了" />
          </>
        )}
      </View>
    </View>
  );
}
