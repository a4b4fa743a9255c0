import { Textarea, Text, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import { PillButton } from '../../../components/PillButton';
import { BottomSheet } from '../../../components/BottomSheet';

interface RejectSheetProps {
  /** The request being rejected (the sheet is open while set); a new one starts with a clean form. */
  subjectId: number | null;
  title: string;
  /** One line naming the request, above the reasons. */
  summary: string;
  /** Ready-made reasons; the last, 其他, asks for the staff member's own words. */
  reasons: readonly string[];
  busy: boolean;
  onClose: () => void;
  onSubmit: (note: string) => void;
}

/**
 * 拒绝 asks why: the customer reads this on their request, so it must say something. Shared by the
 * refund requests (before pickup) and the 退换货 requests (after pickup).
 */
export function RejectSheet({ subjectId, title, summary, reasons, busy, onClose, onSubmit }: RejectSheetProps) {
  const [reason, setReason] = useState<string | null>(null);
  const [note, setNote] = useState('');
  useEffect(() => {
    setReason(null);
    setNote('');
  }, [subjectId]);

  const text = reason === '其他' || reason === null ? note.trim() : [reason, note.trim()].filter(Boolean).join('：');
  return (
    <BottomSheet
      open={subjectId !== null}
      onClose={onClose}
      title={title}
      className="reject-sheet"
      footer={
        <PillButton block className="reject-sheet__submit" loading={busy} disabled={text === ''} onClick={() => onSubmit(text)}>
          确认拒绝
        </PillButton>
      }
    >
      {subjectId !== null && <Text className="reject-sheet__summary">{summary}</Text>}
      <Text className="reject-sheet__label">拒绝原因（顾客可见）</Text>
      <View className="reject-sheet__chips">
        {reasons.map((item) => (
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
