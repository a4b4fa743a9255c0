import { Textarea, Text, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import { PillButton } from '../../../components/PillButton';
import { BottomSheet } from '../../../components/BottomSheet';
import type { StaffRefund } from '../../../services/staff';
import { formatFen } from '../../../utils/money';

const REASONS = ['商品已取走，不符合退款条件', '商品已拆封影响二次销售', '与顾客沟通后顾客同意取消申请', '其他'];

interface RejectSheetProps {
  refund: StaffRefund | null;
  busy: boolean;
  onClose: () => void;
  onSubmit: (note: string) => void;
}

/** 拒绝 asks why: the customer reads this on their order, so it must say something. */
export function RejectSheet({ refund, busy, onClose, onSubmit }: RejectSheetProps) {
  const [reason, setReason] = useState<string | null>(null);
  const [note, setNote] = useState('');
  useEffect(() => {
    setReason(null);
    setNote('');
  }, [refund?.id]);

  const text = reason === '其他' || reason === null ? note.trim() : [reason, note.trim()].filter(Boolean).join('：');
  return (
    <BottomSheet
      open={refund !== null}
      onClose={onClose}
      title="拒绝退款"
      className="reject-sheet"
      footer={
        <PillButton block className="reject-sheet__submit" loading={busy} disabled={text === ''} onClick={() => onSubmit(text)}>
          确认拒绝
        </PillButton>
      }
    >
      {refund && (
        <Text className="reject-sheet__summary">
          订单 {refund.orderNo} · 申请退款 ¥{formatFen(refund.amountFen)}
        </Text>
      )}
      <Text className="reject-sheet__label">拒绝原因（顾客可见）</Text>
      <View className="reject-sheet__chips">
        {REASONS.map((item) => (
          <View
            key={item}
            className={`reject-sheet__chip ${reason === item ? 'reject-sheet__chip--on' : ''}`}
            onClick={() => setReason(item)}
          >
            {item}
          </View>
        ))}
      </View>
      <Textarea
        className="reject-sheet__note"
        value={note}
        maxlength={120}
        placeholder={reason === '其他' || reason === null ? '请填写拒绝原因' : '补充说明（选填）'}
        onInput={(event) => setNote(event.detail.value)}
      />
    </BottomSheet>
  );
}
