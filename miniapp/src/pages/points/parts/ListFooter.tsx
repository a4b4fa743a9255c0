import { Text, View } from '@tarojs/components'

interface ListFooterProps {
  more: 'idle' | 'loading' | 'error'
  hasMore: boolean
  /** Loads the next page (also the retry after a failure). */
  onMore: () => void
}

/** Below the last line: loading the next page, its failure, or the end of the list. */
export function ListFooter({ more, hasMore, onMore }: ListFooterProps) {
  if (more === 'error') {
    return (
      <View className='list-footer list-footer--error' onClick={onMore}>
        <Text>加载失败，点击重试</Text>
      </View>
    )
  }
  if (more === 'loading') {
    return (
      <View className='list-footer'>
        <View className='list-footer__spinner' />
        <Text>加载中…</Text>
      </View>
    )
  }
  if (hasMore) {
    // Normally the page's reach-bottom loads it; a tap works too (e.g. on a very tall screen).
    return (
      <View className='list-footer' onClick={onMore}>
        <Text>上拉加载更多</Text>
      </View>
    )
  }
  return (
    <View className='list-footer list-footer--end'>
      <Text>没有更多记录了</Text>
    </View>
  )
}
