import { Text, View } from '@tarojs/components';
import './index.scss';

export interface QtyStepperProps {
  value: number;
  min?: number;
  max: number;
  onChange: (value: number) => void;
  /** Greys the buttons while a change is being saved. */
  disabled?: boolean;
  /** Tapping + at the top says why nothing happens. */
  onLimit?: () => void;
  /** `sm` for tight rows (a cart line at 320 px); `md` in sheets. */
  size?: 'sm' | 'md';
}

/** − n + with the ends greyed at the bounds. */
export function QtyStepper({ value, min = 1, max, onChange, disabled = false, onLimit, size = 'md' }: QtyStepperProps) {
  const canDown = !disabled && value > min;
  const canUp = !disabled && value < max;
  return (
    <View className={`qty-stepper qty-stepper--${size} ${disabled ? 'qty-stepper--disabled' : ''}`}>
      <View
        className={`qty-stepper__button qty-stepper__button--minus ${canDown ? '' : 'qty-stepper__button--off'}`}
        onClick={(event) => {
          event.stopPropagation();
          if (canDown) onChange(value - 1);
        }}
      />
      <Text className="qty-stepper__value">{value}</Text>
      <View
        className={`qty-stepper__button qty-stepper__button--plus ${canUp ? '' : 'qty-stepper__button--off'}`}
        onClick={(event) => {
          event.stopPropagation();
          if (canUp) onChange(value + 1);
          else if (!disabled) onLimit?.();
        }}
      />
    </View>
  );
}
