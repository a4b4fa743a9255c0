import { useDidShow } from '@tarojs/taro'
import { useCallback, useState } from 'react'
import { getMe, type Me } from '../../services/member'

export type ProfileState = { status: 'loading' } | { status: 'error' } | { status: 'ready'; me: Me }

/**
 * The signed-in member, refreshed each time the tab shows (points and tier change after
 * orders). With no session the request's 401 triggers the silent WeChat login first.
 */
export function useProfile(): { state: ProfileState; reload: () => void } {
  const [state, setState] = useState<ProfileState>({ status: 'loading' })

  const reload = useCallback(() => {
    // A retry shows "正在登录…" again; a failed refresh keeps the profile already shown.
    setState((previous) => (previous.status === 'error' ? { status: 'loading' } : previous))
    getMe({ silent: true }).then(
      (me) => setState({ status: 'ready', me }),
      () => setState((previous) => (previous.status === 'ready' ? previous : { status: 'error' })),
    )
  }, [])

  useDidShow(reload)
  return { state, reload }
}
