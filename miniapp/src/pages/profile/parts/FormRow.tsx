import { Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';

interface FormRowProps {
  label: string;
  children: ReactNode;
  /** A grey line under the value, e.g. why it cannot be changed. */
  note?: string;
  /** Shows the chevron of a row that opens something. */
  arrow?: boolean;
  className?: string;
}

/** One line of the profile list: label on the left, value or control on the right. */
export function FormRow({ label, children, note, arrow = false, className = '' }: FormRowProps) {
  return (
    <View className={`form-row ${className}`}>
      <Text className="form-row__label">{label}</Text>
      <View className="form-row__value">
        {children}
        {note && <Text className="form-row__note">{note}</Text>}
      </View>
      {arrow && <View className="chevron form-row__chevron" />}
    </View>
  );
}
