import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { StateView } from '../../components/StateView';
import { usePageData } from '../../hooks/usePageData';
import { useShare, useShareMoments } from '../../platform/share';
import { getGroupBuys } from '../../services/groupbuy';
import { openPage } from '../../utils/navigate';
import { CampaignCard } from './parts/CampaignCard';
import './index.scss';
import { routes } from '../../routes';

const readCampaigns = () => getGroupBuys({}, { silent: true });

/** 拼团: every running campaign, ending soonest first; each opens its product to start or join a group. */
export default function GroupListPage() {
  const { state, refresh, reload } = usePageData(readCampaigns);

  usePullDownRefresh(() => {
    void refresh().finally(() => Taro.stopPullDownRefresh());
  });
  useShare(() => ({ title: '好友一起拼，价格更划算', path: routes.groups() }));
  useShareMoments(() => ({ title: '好友一起拼，价格更划算', query: '' }));

  if (state.status === 'loading') return <StateView kind="loading" />;
  if (state.status === 'error') return <StateView kind="error" message={state.message} onRetry={() => void reload()} />;
  return (
    <View className="group-list page-root">
      <View className="group-list__hero">
        <Text className="group-list__title">拼团</Text>
        <Text className="group-list__subtitle">邀好友一起买 · 人满成团 · 到店自提</Text>
      </View>
      {state.data.length === 0 ? (
        <View className="group-list__empty card">
          <StateView
            kind="empty"
            title="暂无进行中的拼团"
            description="新的拼团活动即将上线，先去逛逛吧"
            action={{ text: '去首页逛逛', onClick: () => openPage(routes.home()) }}
          />
        </View>
      ) : (
        state.data.map((campaign) => (
          <CampaignCard
            key={campaign.id}
            campaign={campaign}
            onOpen={() => openPage(routes.product({ id: campaign.productId, skuId: campaign.skuId }))}
          />
        ))
      )}
    </View>
  );
}
