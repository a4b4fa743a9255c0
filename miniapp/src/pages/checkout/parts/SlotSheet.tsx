import { Text, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import { BottomSheet } from '../../../components/BottomSheet';
import { slotsByDay, slotTimeLabel } from '../../../utils/checkout';
import type { PickupSlot } from '../useCheckout';

interface SlotSheetProps {
  open: boolean;
  slots: PickupSlot[];
  chosen: PickupSlot | null;
  onClose: () => void;
  onChoose: (slot: PickupSlot) => void;
}

/** 选择自提时间: the days on the left (今天 / 明天), that day's one-hour windows on the right. */
export function SlotSheet({ open, slots, chosen, onClose, onChoose }: SlotSheetProps) {
  const days = slotsByDay(slots);
  const chosenDay = days.findIndex((day) => day.slots.some((s) => s.start === chosen?.start));
  const [dayIndex, setDayIndex] = useState(0);
  useEffect(() => {
    if (open) setDayIndex(Math.max(0, chosenDay));
  }, [open, chosenDay]);
  const day = days[dayIndex] ?? days[0];

  return (
    <BottomSheet open={open} onClose={onClose} title="选择自提时间" className="slot-sheet">
      <View className="slot-sheet__note">请在所选时段内到店，商品将为你保留至取货截止</View>
      <View className="slot-sheet__body">
        <View className="slot-sheet__days">
          {days.map((d, i) => (
            <View key={d.label} className={`slot-sheet__day ${i === dayIndex ? 'slot-sheet__day--on' : ''}`} onClick={() => setDayIndex(i)}>
              {d.label}
            </View>
          ))}
        </View>
        <View className="slot-sheet__times">
          {day?.slots.map((slot) => {
            const on = chosen?.start === slot.start && chosen.end === slot.end;
            return (
              <View key={slot.start} className={`slot-sheet__time ${on ? 'slot-sheet__time--on' : ''}`} onClick={() => onChoose(slot)}>
                <Text>{slotTimeLabel(slot)}</Text>
                {on && <View className="slot-sheet__check" />}
              </View>
            );
          })}
        </View>
      </View>
    </BottomSheet>
  );
}
