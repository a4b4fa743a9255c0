import { useShareAppMessage } from '@tarojs/taro'
import { getUserId } from '../services/session'

export interface ShareContent {
  title: string
  /** Page path with its own query, e.g. `/pages/group/detail?id=12`. */
  path: string
  imageUrl?: string
}

/**
 * Sets what "转发" sends from the current page, tagged with the sharer so orders can be
 * attributed. The page config needs `enableShareAppMessage: true`. H5 has no share sheet.
 */
export function useShare(content: () => ShareContent): void {
  if (process.env.TARO_ENV === 'weapp') {
    // TARO_ENV is a build-time literal, so the hook call order never changes at runtime.
    useShareAppMessage(() => {
      const { title, path, imageUrl } = content()
      return { title, path: withSharer(path), imageUrl }
    })
  }
}

function withSharer(path: string, sharerId: number | null = getUserId()): string {
  if (sharerId === null) return path
  return `${path}${path.includes('?') ? '&' : '?'}from=${sharerId}`
}
