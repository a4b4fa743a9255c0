import { useCallback, useEffect, useRef, useState } from 'react';
import { useDidShowAgain } from '../../hooks/useDidShowAgain';
import { getGroupBuy, type GroupBuy, type GroupSummary } from '../../services/groupbuy';

/**
 * The product's 拼团 campaign in full (stock, limits) and the groups anyone can join now, read
 * again whenever the page shows (groups fill and close all the time). Until it arrives, or if it
 * cannot be read, the page works from the product's own summary of the campaign.
 */
export function useGroupCampaign(campaignId: number | null): { campaign: GroupBuy | null; openGroups: GroupSummary[]; reload: () => void } {
  const [data, setData] = useState<{ campaign: GroupBuy | null; openGroups: GroupSummary[] }>({ campaign: null, openGroups: [] });
  const latest = useRef(0);

  const reload = useCallback(() => {
    const call = ++latest.current;
    if (campaignId === null) {
      setData({ campaign: null, openGroups: [] });
      return;
    }
    getGroupBuy(campaignId, { silent: true }).then(
      (result) => {
        if (call === latest.current) setData(result);
      },
      () => undefined,
    );
  }, [campaignId]);

  useEffect(reload, [reload]);
  useDidShowAgain(reload);

  return { ...data, reload };
}
