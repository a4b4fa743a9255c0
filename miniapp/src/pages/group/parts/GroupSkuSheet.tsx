import Taro from '@tarojs/taro';
import { Image, Text, View } from '@tarojs/components';
import { useEffect, useMemo, useState } from 'react';
import { BottomSheet } from '../../../components/BottomSheet';
import { Price } from '../../../components/Price';
import type { GroupBuy } from '../../../services/groupbuy';
import { GROUP_PRICE_NOTE, groupSkuChoices, groupSkuPrice, preferredGroupSku } from '../../../utils/group';
import { formatFen } from '../../../utils/money';
import { mediaUrl } from '../../../utils/media';
import { chosenSku, initialSelection, isValueAvailable, missingSpecs, toggleValue, type SpecSelection } from '../../../utils/sku';
import './GroupSkuSheet.scss';

interface GroupSkuSheetProps {
  open: boolean;
  campaign: GroupBuy;
  /** Opening a group (the leader pays the 团长价) or joining one (the group price). */
  opening: boolean;
  /** The SKU already chosen on the product page, kept when the campaign sells it. */
  chosenSkuId?: number | null;
  busy?: boolean;
  onClose: () => void;
  onConfirm: (skuId: number) => void;
}

/**
 * The SKU sheet of a group buy: only the campaign's SKUs (尺码 / 颜色) with their group prices,
 * one piece, and why no member discount is taken off the group price.
 */
export function GroupSkuSheet({ open, campaign, opening, chosenSkuId, busy = false, onClose, onConfirm }: GroupSkuSheetProps) {
  const choices = useMemo(() => groupSkuChoices(campaign), [campaign]);
  const start = useMemo(
    () => initialSelection(campaign.specs, choices, preferredGroupSku(campaign, chosenSkuId)),
    [campaign, choices, chosenSkuId],
  );
  const [selection, setSelection] = useState<SpecSelection>(start);
  // Each opening starts on the preferred SKU again.
  useEffect(() => {
    if (open) setSelection(start);
  }, [open, start]);

  const picked = chosenSku(campaign.specs, choices, selection);
  const sku = picked ? campaign.skus.find((candidate) => candidate.skuId === picked.id) : undefined;
  const missing = missingSpecs(campaign.specs, selection);
  const soldOut = campaign.remainingStock <= 0;
  const priceFen = sku
    ? groupSkuPrice(sku, opening)
    : opening
      ? (campaign.leaderPriceFen ?? campaign.groupPriceFen)
      : campaign.minGroupPriceFen;
  const image = mediaUrl(sku?.imageUrl || campaign.imageUrl);

  const confirm = () => {
    if (busy) return;
    if (soldOut) void Taro.showToast({ title: '本次拼团名额已抢光', icon: 'none' });
    else if (!sku) void Taro.showToast({ title: `请选择 ${missing.join(' ')}`, icon: 'none' });
    else onConfirm(sku.skuId);
  };

  return (
    <BottomSheet
      open={open}
      onClose={onClose}
      className="group-sku"
      footer={
        <View
          className={`group-sku__confirm ${soldOut || !sku ? 'group-sku__confirm--off' : ''}`}
          hoverClass="group-sku__confirm--pressed"
          onClick={confirm}
        >
          {soldOut ? '已抢光' : `${opening ? '发起拼团' : '参团'} ¥${formatFen(priceFen)}`}
        </View>
      }
    >
      <View className="group-sku__head">
        {image ? <Image className="group-sku__image" src={image} mode="aspectFill" /> : <View className="group-sku__image" />}
        <View className="group-sku__summary">
          <View className="group-sku__price-row">
            <Text className="group-sku__tag">{opening && sku?.leaderPriceFen != null ? '团长价' : `${campaign.groupSize}人团`}</Text>
            <Price fen={priceFen} listFen={sku?.listPriceFen ?? null} size="lg" />
          </View>
          <Text className="group-sku__chosen">{sku ? `已选：${sku.specText || '默认规格'}` : `请选择 ${missing.join(' ')}`}</Text>
          <Text className="group-sku__stock">
            {soldOut ? '拼团名额已抢光' : `拼团剩余 ${campaign.remainingStock} 件 · 每人限购 ${campaign.perUserLimit} 件`}
          </Text>
        </View>
      </View>
      {campaign.specs.map((spec) => (
        <View key={spec.name} className="group-sku__spec">
          <Text className="group-sku__spec-name">{spec.name}</Text>
          <View className="group-sku__values">
            {spec.values.map((value) => {
              const chosen = selection[spec.name] === value;
              const available = isValueAvailable(choices, selection, spec.name, value);
              return (
                <Text
                  key={value}
                  className={`group-sku__value ${chosen ? 'group-sku__value--chosen' : ''} ${available ? '' : 'group-sku__value--off'}`}
                  onClick={() => (available || chosen) && setSelection(toggleValue(selection, spec.name, value))}
                >
                  {value}
                </Text>
              );
            })}
          </View>
        </View>
      ))}
      <View className="group-sku__note">
        <Text className="group-sku__note-icon">!</Text>
        <Text className="group-sku__note-text">{GROUP_PRICE_NOTE}</Text>
      </View>
    </BottomSheet>
  );
}
