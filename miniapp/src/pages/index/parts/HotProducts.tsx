import { View } from '@tarojs/components'
import { ProductCard } from '../../../components/ProductCard'
import { SectionHeader } from '../../../components/SectionHeader'
import type { ProductSummary } from '../../../services/catalog'
import { openPage } from '../../../utils/navigate'

/** 热销商品: best sellers in a two-column grid. */
export function HotProducts({ products }: { products: ProductSummary[] }) {
  return (
    <View className='home-hot'>
      <SectionHeader title='热销商品' />
      <View className='home-hot__grid'>
        {products.map((product) => (
          <ProductCard
            key={product.id}
            title={product.title}
            imageUrl={product.imageUrl}
            priceFen={product.minPriceFen}
            listPriceFen={product.listPriceFen}
            salesCount={product.salesCount}
            onClick={() => openPage(`/pages/product/index?id=${product.id}`)}
          />
        ))}
      </View>
    </View>
  )
}
