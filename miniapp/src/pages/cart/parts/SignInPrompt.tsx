import { Image, Text, View } from '@tarojs/components';
import emptyCartImage from '../../../assets/state/empty-cart.png';
import { PillButton } from '../../../components/PillButton';
import { openPage } from '../../../utils/navigate';
import { routes } from '../../../routes';

/** Signed out: the cart lives with the account, so sign in (or keep browsing). */
export function SignInPrompt({ signingIn, onSignIn }: { signingIn: boolean; onSignIn: () => void }) {
  return (
    <View className="cart-signin">
      <Image className="cart-signin__image" src={emptyCartImage} />
      <Text className="cart-signin__title">登录后查看购物车</Text>
      <Text className="cart-signin__description">登录后购物车多端同步，线上下单到店自提</Text>
      <PillButton className="cart-signin__button" loading={signingIn} onClick={onSignIn}>
        {signingIn ? '登录中' : '微信一键登录'}
      </PillButton>
      <PillButton className="cart-signin__button" variant="outline" onClick={() => openPage(routes.home())}>
        去逛逛
      </PillButton>
    </View>
  );
}
