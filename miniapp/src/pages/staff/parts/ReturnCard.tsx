import { Image, Text, View } from '@tarojs/components';
import { PillButton } from '../../../components/PillButton';
import type { StaffAfterSale } from '../../../services/aftersale';
import { mediaUrl } from '../../../utils/media';
import { formatFen } from '../../../utils/money';
import { customerLabel } from '../../../utils/pickup';
import { formatQueueTime } from '../../../utils/staff';

interface ReturnCardProps {
  afterSale: StaffAfterSale;
  busy: boolean;
  onApprove: () => void;
  onReject: () => void;
  onReceive: () => void;
  onHandOver: () => void;
  onPhoto: (url: string) => void;
}

const TONES: Record<string, string> = {
  requested: 'action',
  approved: 'action',
  returned: 'action',
  refunding: 'progress',
  refunded: 'done',
  exchanged: 'done',
  rejected: 'closed',
  cancelled: 'closed',
};

/** A 退货退款 / 换货 request after pickup: goods (and the SKU wanted), reason, photos, and the store's next step. */
export function ReturnCard({ afterSale: a, busy, onApprove, onReject, onReceive, onHandOver, onPhoto }: ReturnCardProps) {
  return (
    <View className="staff-order refund-card return-card card">
      <View className="staff-order__head">
        <Text className="staff-order__no">
          {a.typeLabel} · {a.serviceNo}
        </Text>
        <Text className={`staff-order__status refund-card__status--${TONES[a.status] ?? 'closed'}`}>{a.statusLabel}</Text>
      </View>
      <View className="staff-order__customer">
        <Text className="staff-order__name">{customerLabel(a.customer)}</Text>
      </View>
      <View className="staff-order__lines">
        {a.lines.map((line) => (
          <View key={line.orderLineId} className="staff-order__line">
            <Image className="staff-order__thumb" src={mediaUrl(line.imageUrl)} mode="aspectFill" lazyLoad />
            <View className="staff-order__line-text">
              <Text className="staff-order__title">{line.title}</Text>
              <Text className="staff-order__spec">
                {line.specText}
                {line.exchange ? ` → 换 ${line.exchange.specText}` : ''}
              </Text>
            </View>
            <Text className="staff-order__qty">×{line.qty}</Text>
          </View>
        ))}
      </View>
      {a.type === 'return' && (
        <View className="refund-card__amount-row">
          <Text className="refund-card__amount">¥{formatFen(a.refundFen)}</Text>
          <Text className="refund-card__scope">确认收货后原路退回</Text>
        </View>
      )}
      <View className="refund-card__reason">
        <Text className="refund-card__label">售后原因</Text>
        <Text className="refund-card__value">
          {a.reasonLabel}
          {a.description ? `：${a.description}` : ''}
        </Text>
      </View>
      {a.photos.length > 0 && (
        <View className="return-card__photos">
          {a.photos.map((photo) => (
            <Image key={photo.id} className="return-card__photo" src={photo.url} mode="aspectFill" onClick={() => onPhoto(photo.url)} />
          ))}
        </View>
      )}
      <View className="refund-card__meta">
        <Text>
          订单 {a.orderNo} · {formatQueueTime(a.createdAt)}
        </Text>
      </View>
      {a.decisionNote && <Text className="refund-card__note">处理说明：{a.decisionNote}</Text>}
      {a.status === 'requested' && (
        <View className="staff-order__actions">
          <PillButton variant="outline" className="staff-order__button refund-card__reject" disabled={busy} onClick={onReject}>
            拒绝
          </PillButton>
          <PillButton className="staff-order__button refund-card__approve" loading={busy} onClick={onApprove}>
            同意
          </PillButton>
        </View>
      )}
      {a.status === 'approved' && (
        <View className="staff-order__actions">
          <PillButton className="staff-order__button" loading={busy} onClick={onReceive}>
            确认收货
          </PillButton>
        </View>
      )}
      {a.status === 'returned' && a.type === 'exchange' && (
        <View className="staff-order__actions">
          <PillButton className="staff-order__button" loading={busy} onClick={onHandOver}>
            交付换货
          </PillButton>
        </View>
      )}
    </View>
  );
}
