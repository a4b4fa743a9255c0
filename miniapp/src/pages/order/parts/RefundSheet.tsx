import { Textarea, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { PillButton } from '../../../components/PillButton';
import { BottomSheet } from '../../../components/BottomSheet';
import { formatFen } from '../../../utils/money';

const REASONS = ['不想要了', '拍错了', '商品缺货', '其他'];

interface RefundSheetProps {
  open: boolean;
  /** What would come back: everything paid and not yet refunded. */
  amountFen: number;
  /** Ready for pickup: the store answers within 48 h instead of refunding at once. */
  waitsForStore: boolean;
  busy: boolean;
  onClose: () => void;
  onSubmit: (reason: string) => void;
}

/** 申请退款 for the whole order: a reason chip and an optional note. */
export function RefundSheet({ open, amountFen, waitsForStore, busy, onClose, onSubmit }: RefundSheetProps) {
  const [reason, setReason] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const text = [reason, note.trim()].filter(Boolean).join('：');
  return (
    <BottomSheet
      open={open}
      onClose={onClose}
      title="申请退款"
      className="refund-sheet"
      footer={
        <PillButton block loading={busy} disabled={!reason} onClick={() => onSubmit(text)}>
          提交申请
        </PillButton>
      }
    >
      <View className="refund-sheet__amount">
        <Text>退款金额</Text>
        <Text className="refund-sheet__money">¥{formatFen(amountFen)}</Text>
      </View>
      <Text className="refund-sheet__hint">
        {waitsForStore ? '商品已备好，门店将在48小时内处理你的申请' : '门店尚未备货，提交后立即退款，款项原路退回'}
      </Text>
      <Text className="refund-sheet__label">退款原因</Text>
      <View className="refund-sheet__chips">
        {REASONS.map((item) => (
          <View
            key={item}
            className={`refund-sheet__chip ${reason === item ? 'refund-sheet__chip--on' : ''}`}
            onClick={() => setReason(item)}
          >
            {item}
          </View>
        ))}
      </View>
      <Textarea
        className="refund-sheet__note"
        value={note}
        maxlength={150}
        placeholder="补充说明（选填）"
        onInput={(event) => setNote(event.detail.value)}
      />
    </BottomSheet>
  );
}
