import { ScrollView, View } from '@tarojs/components';
import type { ReactNode } from 'react';
import './index.scss';

export interface BottomSheetProps {
  open: boolean;
  onClose: () => void;
  /** Shown at the top with a close button; leave out when the content has its own head. */
  title?: string;
  children: ReactNode;
  /** Stays at the bottom while the content scrolls (the sheet's buttons). */
  footer?: ReactNode;
  className?: string;
}

/** A panel sliding up over a dimmed page; tapping the dim or × closes it. */
export function BottomSheet({ open, onClose, title, children, footer, className = '' }: BottomSheetProps) {
  if (!open) return null;
  return (
    <View className={`bottom-sheet ${className}`} catchMove>
      <View className="bottom-sheet__mask" onClick={onClose} />
      <View className="bottom-sheet__panel">
        {title && <View className="bottom-sheet__title">{title}</View>}
        <View className="bottom-sheet__close" onClick={onClose} />
        {/* A ScrollView, not an overflowing View: the mask catches touch moves (so the page
            behind stays put), and only a ScrollView still scrolls under that on weapp. */}
        <ScrollView scrollY className="bottom-sheet__body">
          {children}
        </ScrollView>
        {footer && <View className="bottom-sheet__footer">{footer}</View>}
      </View>
    </View>
  );
}
