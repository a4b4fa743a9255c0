import { View } from '@tarojs/components'
import type { ReactNode } from 'react'
import './index.scss'

export interface PillButtonProps {
  children: ReactNode
  onClick: () => void
  /** `solid` is the brand gradient; `outline` is for secondary actions. */
  variant?: 'solid' | 'outline'
  className?: string
}

/** A rounded action button. A View, not Taro's Button, so it looks the same on weapp and H5. */
export function PillButton({ children, onClick, variant = 'solid', className = '' }: PillButtonProps) {
  return (
    <View
      className={`pill-button pill-button--${variant} ${className}`}
      hoverClass='pill-button--pressed'
      onClick={onClick}
    >
      {children}
    </View>
  )
}
