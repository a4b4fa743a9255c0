import { Image, Text, View } from '@tarojs/components'
import { formatCount } from '../../utils/format'
import { Price } from '../Price'
import './index.scss'

export interface ProductCardProps {
  title: string
  imageUrl: string
  priceFen: number
  listPriceFen?: number | null
  salesCount?: number
  onClick?: () => void
}

/** A product tile for two-column grids. */
export function ProductCard({ title, imageUrl, priceFen, listPriceFen, salesCount, onClick }: ProductCardProps) {
  return (
    <View className='product-card' hoverClass='product-card--pressed' onClick={onClick}>
      <View className='product-card__media'>
        {imageUrl && <Image className='product-card__image' src={imageUrl} mode='aspectFill' lazyLoad />}
      </View>
      <View className='product-card__body'>
        <Text className='product-card__title'>{title}</Text>
        <View className='product-card__foot'>
          <Price fen={priceFen} listFen={listPriceFen} size='sm' />
          {salesCount !== undefined && (
            <Text className='product-card__sales'>已售{formatCount(salesCount)}</Text>
          )}
        </View>
      </View>
    </View>
  )
}
