import { View } from '@tarojs/components'
import { StateView } from '../../components/StateView'
import { openPage } from '../../utils/navigate'

/** The cart lives on the server (GET /api/cart) once the money path lands; until then it is empty. */
export default function CartPage() {
  return (
    <View className='page-root'>
      <StateView
        kind='empty'
        illustration='cart'
        title='购物车还是空的'
        description='挑几件心仪的好物，到店自提更方便'
        action={{ text: '去逛逛', onClick: () => openPage('/pages/index/index') }}
      />
    </View>
  )
}
