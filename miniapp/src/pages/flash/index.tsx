import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { StateView } from '../../components/StateView';
import { useShare } from '../../platform/share';
import type { FlashSale } from '../../services/flashsale';
import { flashCheckoutUrl } from '../../utils/checkout';
import { splitFlashSales } from '../../utils/flash';
import { openPage } from '../../utils/navigate';
import { FlashItem } from './parts/FlashItem';
import { useFlashSales } from './useFlashSales';
import './index.scss';
import { routes } from '../../routes';

/** 限时秒杀: what is on now (sold-out ones greyed), then what opens next, each with its clock. */
export default function FlashPage() {
  const { state, reload } = useFlashSales();

  usePullDownRefresh(() => {
    void reload().finally(() => Taro.stopPullDownRefresh());
  });
  useShare(() => ({ title: '限时秒杀 · 好价限量抢', path: routes.flash() }));

  const hero = (
    <View className="flash-page__hero">
      <Text className="flash-page__title">限时秒杀</Text>
      <Text className="flash-page__subtitle">每日好价 · 限量开抢 · 门店自提</Text>
    </View>
  );

  if (state.status === 'loading') {
    return (
      <View className="flash-page page-root">
        {hero}
        <StateView kind="loading" />
      </View>
    );
  }
  if (state.status === 'error') {
    return (
      <View className="flash-page page-root">
        {hero}
        <StateView kind="error" message={state.message} onRetry={() => void reload()} />
      </View>
    );
  }

  const { current, upcoming } = splitFlashSales(state.data);
  const open = (sale: FlashSale) => openPage(routes.product({ id: sale.productId, skuId: sale.skuId }));
  const buy = (sale: FlashSale) => openPage(flashCheckoutUrl({ flashSaleId: sale.id, skuId: sale.skuId, qty: 1 }));
  const section = (title: string, hint: string, sales: FlashSale[]) =>
    sales.length > 0 && (
      <View className="flash-page__section">
        <View className="flash-page__section-head">
          <Text className="flash-page__section-title">{title}</Text>
          <Text className="flash-page__section-hint">{hint}</Text>
        </View>
        {sales.map((sale) => (
          <FlashItem key={sale.id} sale={sale} onOpen={() => open(sale)} onBuy={() => buy(sale)} onTick={() => void reload()} />
        ))}
      </View>
    );

  return (
    <View className="flash-page page-root">
      {hero}
      {state.data.length === 0 ? (
        <View className="flash-page__empty card">
          <StateView
            kind="empty"
            title="暂无秒杀活动"
            description="下一场秒杀即将上线，敬请期待"
            action={{ text: '去首页逛逛', onClick: () => openPage(routes.home()) }}
          />
        </View>
      ) : (
        <>
          {section('正在疯抢', '手慢无，抢完即止', current)}
          {section('即将开抢', '提前看好，准时来抢', upcoming)}
        </>
      )}
    </View>
  );
}
