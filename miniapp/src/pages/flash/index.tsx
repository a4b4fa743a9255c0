import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useEffect, useState, type ReactNode } from 'react';
import { StateView } from '../../components/StateView';
import { useShare } from '../../platform/share';
import type { FlashSessionSale } from '../../services/flashsale';
import { flashCheckoutUrl } from '../../utils/checkout';
import { initialSession, sessionTab } from '../../utils/flash';
import { openPage } from '../../utils/navigate';
import { FlashItem } from './parts/FlashItem';
import { SessionTabs } from './parts/SessionTabs';
import { useFlashSessions } from './useFlashSales';
import './index.scss';
import { routes } from '../../routes';

const SESSION_HINTS = { started: '本场已开抢，手慢无', running: '抢完即止，先到先得', upcoming: '设置提醒，开抢前通知你' } as const;

/**
 * 限时秒杀 by 场次: tabs of today's and tomorrow's sessions (the running one opened first), the
 * chosen session's sales with their clocks, and 开抢提醒 on the coming ones.
 */
export default function FlashPage() {
  const { params } = useRouter<{ saleId?: string }>();
  const saleId = params.saleId ? Number(params.saleId) : undefined;
  const { sessions, reminders } = useFlashSessions();
  const { state, reload } = sessions;
  const [selected, setSelected] = useState<number | null>(null);

  usePullDownRefresh(() => {
    void reload().finally(() => Taro.stopPullDownRefresh());
  });
  useShare(() => ({ title: '限时秒杀 · 好价限量抢', path: routes.flash() }));

  // The first answer picks the tab; later reads keep the customer's choice.
  useEffect(() => {
    if (state.status === 'ready' && selected === null) setSelected(initialSession(state.data, saleId));
  }, [state, selected, saleId]);

  // The red band; with sessions, their tabs ride at its foot.
  const band = (tabs?: ReactNode) => (
    <View className={`flash-page__hero ${tabs ? 'flash-page__hero--tabs' : ''}`}>
      <Text className="flash-page__title">限时秒杀</Text>
      <Text className="flash-page__subtitle">每日好价 · 限量开抢 · 门店自提</Text>
      {tabs}
    </View>
  );
  const hero = band();

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

  const list = state.data.sessions;
  if (list.length === 0) {
    return (
      <View className="flash-page page-root">
        {hero}
        <View className="flash-page__empty card">
          <StateView
            kind="empty"
            title="暂无秒杀场次"
            description="下一场秒杀即将上线，敬请期待"
            action={{ text: '去首页逛逛', onClick: () => openPage(routes.home()) }}
          />
        </View>
      </View>
    );
  }

  const index = Math.min(selected ?? initialSession(state.data, saleId), list.length - 1);
  const session = list[index];
  const tab = sessionTab(session);
  const open = (sale: FlashSessionSale) => openPage(routes.product({ id: sale.productId, skuId: sale.skuId }));
  const buy = (sale: FlashSessionSale) => openPage(flashCheckoutUrl({ flashSaleId: sale.id, skuId: sale.skuId, qty: 1 }));
  return (
    <View className="flash-page page-root">
      {band(<SessionTabs sessions={list} selected={index} onSelect={setSelected} />)}
      <View className="flash-page__section flash-page__section--session">
        <View className="flash-page__section-head">
          <Text className="flash-page__section-title">
            {tab.day}
            {tab.time} 场 · {tab.label}
          </Text>
          <Text className="flash-page__section-hint">{SESSION_HINTS[session.state]}</Text>
        </View>
        {session.sales.map((sale) => (
          <FlashItem
            key={sale.id}
            sale={sale}
            reminded={reminders.ids.has(sale.id)}
            reminding={reminders.busy.has(sale.id)}
            onRemind={() => reminders.toggle(sale.id)}
            onOpen={() => open(sale)}
            onBuy={() => buy(sale)}
            onTick={() => void reload()}
          />
        ))}
      </View>
    </View>
  );
}
