import { useDidShow } from '@tarojs/taro'
import { useCallback, useEffect, useRef, useState } from 'react'
import { errorMessage } from '../../services/errors'
import { getFlashSales, type FlashSale } from '../../services/flashsale'

export type FlashState = { status: 'loading' } | { status: 'error'; message: string } | { status: 'ready'; sales: FlashSale[] }

/**
 * The running and upcoming flash sales, read again when the page shows (someone may have bought
 * the last one meanwhile) and whenever a countdown runs out (a sale opened or ended).
 */
export function useFlashSales(): { state: FlashState; reload: () => Promise<void> } {
  const [state, setState] = useState<FlashState>({ status: 'loading' })

  const reload = useCallback(async () => {
    setState((previous) => (previous.status === 'error' ? { status: 'loading' } : previous))
    try {
      const sales = await getFlashSales({ silent: true })
      setState({ status: 'ready', sales })
    } catch (error) {
      setState((previous) => (previous.status === 'ready' ? previous : { status: 'error', message: errorMessage(error) }))
    }
  }, [])

  useEffect(() => {
    void reload()
  }, [reload])

  const shown = useRef(false)
  useDidShow(() => {
    if (shown.current) void reload()
    shown.current = true
  })

  return { state, reload }
}
