import { View } from '@tarojs/components';
import type { ReactNode } from 'react';
import './index.scss';

export interface PillButtonProps {
  children: ReactNode;
  onClick: () => void;
  /** `solid` is the brand gradient; `outline` is for secondary actions. */
  variant?: 'solid' | 'outline';
  /** Shows a spinner and ignores taps while an action runs. */
  loading?: boolean;
  disabled?: boolean;
  /** Stretches to the width of its container. */
  block?: boolean;
  className?: string;
}

/** A rounded action button. A View, not Taro's Button, so it looks the same on weapp and H5. */
export function PillButton({
  children,
  onClick,
  variant = 'solid',
  loading = false,
  disabled = false,
  block = false,
  className = '',
}: PillButtonProps) {
  const inactive = loading || disabled;
  const modifiers = [
    `pill-button--${variant}`,
    block ? 'pill-button--block' : '',
    disabled ? 'pill-button--disabled' : '',
    loading ? 'pill-button--loading' : '',
  ];
  return (
    <View
      className={`pill-button ${modifiers.join(' ')} ${className}`}
      hoverClass={inactive ? 'none' : 'pill-button--pressed'}
      onClick={inactive ? undefined : onClick}
    >
      {loading && <View className="pill-button__spinner" />}
      {children}
    </View>
  );
}
