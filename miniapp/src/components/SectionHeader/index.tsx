import { Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';
import './index.scss';

export interface SectionHeaderProps {
  title: string;
  /** Shown right after the title, e.g. a countdown or a "直播中" badge. */
  extra?: ReactNode;
  /** Adds a "更多" link on the right. */
  onMore?: () => void;
  moreText?: string;
}

export function SectionHeader({ title, extra, onMore, moreText = '更多' }: SectionHeaderProps) {
  return (
    <View className="section-header">
      <Text className="section-header__title">{title}</Text>
      {extra && <View className="section-header__extra">{extra}</View>}
      {onMore && (
        <View className="section-header__more" onClick={onMore}>
          <Text>{moreText}</Text>
          <View className="chevron section-header__chevron" />
        </View>
      )}
    </View>
  );
}
