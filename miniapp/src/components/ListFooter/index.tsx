import { Text, View } from '@tarojs/components';
import './index.scss';

export interface ListFooterProps {
  more: 'idle' | 'loading' | 'error';
  hasMore: boolean;
  /** Loads the next page (also the retry after a failure). */
  onMore: () => void;
  /** What the end of the list says. */
  endText?: string;
  /** No divider above it (lists of cards rather than rows). */
  plain?: boolean;
}

/** Below the last line: loading the next page, its failure, or the end of the list. */
export function ListFooter({ more, hasMore, onMore, endText = '没有更多记录了', plain = false }: ListFooterProps) {
  const base = `list-footer ${plain ? 'list-footer--plain' : ''}`;
  if (more === 'error') {
    return (
      <View className={`${base} list-footer--error`} onClick={onMore}>
        <Text>加载失败，点击重试</Text>
      </View>
    );
  }
  if (more === 'loading') {
    return (
      <View className={base}>
        <View className="list-footer__spinner" />
        <Text>加载中…</Text>
      </View>
    );
  }
  if (hasMore) {
    // Normally the page's reach-bottom loads it; a tap works too (e.g. on a very tall screen).
    return (
      <View className={base} onClick={onMore}>
        <Text>上拉加载更多</Text>
      </View>
    );
  }
  return (
    <View className={`${base} list-footer--end`}>
      <Text>{endText}</Text>
    </View>
  );
}
