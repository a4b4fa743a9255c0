import { Image, Text, View } from '@tarojs/components';
import { Countdown } from '../../../components/Countdown';
import { Price } from '../../../components/Price';
import type { FlashSale, FlashSessionSale } from '../../../services/flashsale';
import { clampPercent, flashAction, flashClock, reminderAction } from '../../../utils/flash';
import { formatFen } from '../../../utils/money';
import { mediaUrl } from '../../../utils/media';
import { formatShanghaiDateTime } from '../../../utils/time';

interface FlashItemProps {
  sale: FlashSale | FlashSessionSale;
  /** 开抢提醒 is set for this (upcoming) sale; `reminding` while it is being set or cancelled. */
  reminded?: boolean;
  reminding?: boolean;
  /** Given for upcoming sales: 提醒我 / 已设置提醒 instead of a disabled 即将开抢. */
  onRemind?: () => void;
  onOpen: () => void;
  onBuy: () => void;
  /** Its countdown ran out: the sale opened or ended. */
  onTick: () => void;
}

/** One sale: picture, how much is gone (or when it opens), its clock, price and 立即抢购. */
export function FlashItem({ sale, reminded = false, reminding = false, onRemind, onOpen, onBuy, onTick }: FlashItemProps) {
  const action = flashAction(sale.state);
  const remind = sale.state === 'upcoming' && onRemind ? reminderAction(reminded, reminding) : null;
  const over = sale.state === 'sold_out' || sale.state === 'ended';
  const clock = flashClock(sale);
  const percent = clampPercent(sale.soldPercent);
  const soldOut = sale.state === 'sold_out';
  return (
    <View className={`flash-item card flash-item--${sale.state}`} onClick={onOpen}>
      <View className="flash-item__media">
        <Image className="flash-item__image" src={mediaUrl(sale.imageUrl)} mode="aspectFill" lazyLoad />
        {soldOut && <Text className="flash-item__stamp">已抢光</Text>}
      </View>
      <View className="flash-item__body">
        <Text className="flash-item__title">{sale.title}</Text>
        <View className="flash-item__meta">
          {sale.perUserLimit > 0 && <Text className="flash-item__limit">每人限购{sale.perUserLimit}件</Text>}
          {sale.state === 'running' && sale.remaining > 0 && sale.remaining <= 20 && (
            <Text className="flash-item__left">仅剩{sale.remaining}件</Text>
          )}
        </View>
        {sale.state === 'upcoming' ? (
          <Text className="flash-item__opens">{formatShanghaiDateTime(sale.startsAt)} 开抢</Text>
        ) : (
          <View className="flash-item__progress">
            <View className="flash-item__track">
              <View className="flash-item__bar" style={{ width: `${percent}%` }} />
            </View>
            <Text className="flash-item__sold">已抢{percent}%</Text>
          </View>
        )}
        {!over && (
          <View className="flash-item__clock">
            <Text className="flash-item__clock-label">{clock.label}</Text>
            <Countdown target={clock.target} onEnd={onTick} />
          </View>
        )}
        <View className="flash-item__foot">
          <View className="flash-item__prices">
            <Price fen={sale.priceFen} size="md" />
            {sale.listPriceFen != null && sale.listPriceFen > sale.priceFen && (
              <Text className="flash-item__list">¥{formatFen(sale.listPriceFen)}</Text>
            )}
          </View>
          {remind ? (
            <View
              className={`flash-item__buy flash-item__remind ${remind.on ? 'flash-item__remind--on' : ''}`}
              hoverClass="flash-item__buy--pressed"
              onClick={(event) => {
                event.stopPropagation();
                onRemind?.();
              }}
            >
              {remind.text}
            </View>
          ) : (
            <View
              className={`flash-item__buy ${action.enabled ? '' : 'flash-item__buy--off'} ${sale.state === 'upcoming' ? 'flash-item__buy--soon' : ''}`}
              hoverClass={action.enabled ? 'flash-item__buy--pressed' : 'none'}
              onClick={(event) => {
                event.stopPropagation();
                if (action.enabled) onBuy();
              }}
            >
              {action.text}
            </View>
          )}
        </View>
      </View>
    </View>
  );
}
