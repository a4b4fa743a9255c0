import { Textarea, Text, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import { PillButton } from '../../../components/PillButton';
import { BottomSheet } from '../../../components/BottomSheet';
import type { StaffAfterSale } from '../../../services/aftersale';

const REASONS = ['商品已使用或洗涤，影响二次销售', '吊牌或包装缺失', '照片无法看出问题，请到店检测', '其他'];

interface ReturnRejectSheetProps {
  afterSale: StaffAfterSale | null;
  busy: boolean;
  onClose: () => void;
  onSubmit: (note: string) => void;
}

/** 拒绝 a 退换货 request: the reason is what the customer reads on the request. */
export function ReturnRejectSheet({ afterSale, busy, onClose, onSubmit }: ReturnRejectSheetProps) {
  const [reason, setReason] = useState<string | null>(null);
  const [note, setNote] = useState('');
  useEffect(() => {
    setReason(null);
    setNote('');
  }, [afterSale?.id]);

  const text = reason === '其他' || reason === null ? note.trim() : [reason, note.trim()].filter(Boolean).join('：');
  return (
    <BottomSheet
      open={afterSale !== null}
      onClose={onClose}
      title={`拒绝${afterSale?.typeLabel ?? '售后'}`}
      className="reject-sheet"
      footer={
        <PillButton block className="reject-sheet__submit" loading={busy} disabled={text === ''} onClick={() => onSubmit(text)}>
          确认拒绝
        </PillButton>
      }
    >
      {afterSale && (
        <Text className="reject-sheet__summary">
          {afterSale.serviceNo} · 订单 {afterSale.orderNo}
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
