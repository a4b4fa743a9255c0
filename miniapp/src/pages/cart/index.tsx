import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { StateView } from '../../components/StateView';
import type { CartLine } from '../../services/cart';
import { openPage } from '../../utils/navigate';
import { CartBar, ManageBar } from './parts/CartBar';
import { CartLineItem } from './parts/CartLineItem';
import { SignInPrompt } from './parts/SignInPrompt';
import { StoreChip } from './parts/StoreChip';
import { useCart } from './useCart';
import './index.scss';
import { routes } from '../../routes';

/** 失效: lines that can no longer be bought anywhere (the server says which); they wait in their own group for deletion. */
const isGone = (line: CartLine) => line.invalid;

export default function CartPage() {
  const model = useCart();
  const { state, store, pending } = model;
  // 管理 mode: the circles pick lines to delete; the picks live on this page only.
  const [manage, setManage] = useState(false);
  const [picked, setPicked] = useState<Set<number>>(() => new Set());

  usePullDownRefresh(() => {
    void model.reload().finally(() => Taro.stopPullDownRefresh());
  });

  if (state.status === 'signedOut') {
    return (
      <View className="cart page-root">
        <SignInPrompt signingIn={model.signingIn} onSignIn={model.signIn} />
      </View>
    );
  }
  if (state.status === 'loading') return <StateView kind="loading" />;
  if (state.status === 'error') return <StateView kind="error" message={state.message} onRetry={() => void model.reload()} />;

  const { cart } = state;
  const pendingAny = pending.size > 0;
  const goShopping = () => openPage(routes.home());
  if (cart.items.length === 0) {
    return (
      <View className="cart page-root">
        <StateView
          kind="empty"
          illustration="cart"
          title="购物车还是空的"
          description="挑几件心仪的好物，到店自提更方便"
          action={{ text: '去逛逛', onClick: goShopping }}
        />
      </View>
    );
  }

  const live = cart.items.filter((line) => !isGone(line));
  const gone = cart.items.filter(isGone);
  const selectable = live.filter((line) => line.state === 'ok');
  const allSelected = selectable.length > 0 && selectable.every((line) => line.selected);

  const confirmRemove = (lines: CartLine[], content: string, after?: () => void) => {
    void Taro.showModal({ title: '删除商品', content, confirmText: '删除', confirmColor: '#e93b3d' }).then(({ confirm }) => {
      if (!confirm) return;
      model.remove(lines.map((line) => line.skuId));
      after?.();
    });
  };

  // Picks of lines that are gone meanwhile do not count.
  const pickedLines = cart.items.filter((line) => picked.has(line.skuId));
  const pick = (skuId: number) =>
    setPicked((previous) => {
      const next = new Set(previous);
      if (!next.delete(skuId)) next.add(skuId);
      return next;
    });
  const allPicked = pickedLines.length === cart.items.length;
  const toggleManage = () => {
    setManage((on) => !on);
    setPicked(new Set());
  };

  const openStorePicker = () => {
    openPage(routes.storePicker({ skuIds: live.map((line) => line.skuId), qty: live.map((line) => line.qty) }));
  };

  return (
    <View className={`cart page-root ${manage ? 'cart--manage' : ''}`}>
      <View className="cart-head">
        <StoreChip store={store} onClick={openStorePicker} />
        <Text className="cart-head__manage" onClick={toggleManage}>
          {manage ? '完成' : '管理'}
        </Text>
      </View>
      {cart.promotionHint && (
        <View className="cart-promotion card" hoverClass="cart-promotion--pressed" onClick={() => openPage(routes.search())}>
          <Text className="cart-promotion__tag">满减</Text>
          <Text className="cart-promotion__text">{cart.promotionHint.text}</Text>
          {!cart.promotionHint.reached && <Text className="cart-promotion__go">去凑单</Text>}
        </View>
      )}
      {live.length > 0 && (
        <View className="cart-group card">
          {live.map((line) => (
            <CartLineItem
              key={line.skuId}
              line={line}
              busy={pending.has(line.skuId)}
              manage={manage}
              picked={picked.has(line.skuId)}
              onPick={() => pick(line.skuId)}
              onToggle={() => model.setSelected([line.skuId], !line.selected)}
              onQty={(qty) => model.setQty(line.skuId, qty)}
              onRemove={() => confirmRemove([line], '确定从购物车删除这件商品吗？')}
              onOpen={() => openPage(routes.product({ id: line.productId }))}
            />
          ))}
        </View>
      )}
      {gone.length > 0 && (
        <View className="cart-group cart-group--gone card">
          <View className="cart-group__head">
            <Text className="cart-group__title">失效商品 {gone.length} 件</Text>
            <Text className="cart-group__clear" onClick={() => confirmRemove(gone, '确定清空全部失效商品吗？')}>
              清空失效商品
            </Text>
          </View>
          {gone.map((line) => (
            <CartLineItem
              key={line.skuId}
              line={line}
              busy={pending.has(line.skuId)}
              manage={manage}
              picked={picked.has(line.skuId)}
              onPick={() => pick(line.skuId)}
              onToggle={() => undefined}
              onQty={() => undefined}
              onRemove={() => confirmRemove([line], '确定从购物车删除这件商品吗？')}
              onOpen={() => openPage(routes.product({ id: line.productId }))}
            />
          ))}
        </View>
      )}
      {manage ? (
        <ManageBar
          allPicked={allPicked}
          pickedCount={pickedLines.length}
          busy={pendingAny}
          onPickAll={() => setPicked(allPicked ? new Set() : new Set(cart.items.map((line) => line.skuId)))}
          onDelete={() =>
            confirmRemove(pickedLines, `确定从购物车删除这 ${pickedLines.length} 种商品吗？`, () => {
              setPicked(new Set());
              if (pickedLines.length === cart.items.length) setManage(false);
            })
          }
        />
      ) : (
        <CartBar
          allSelected={allSelected}
          canSelect={selectable.length > 0}
          selectedQty={cart.selectedQty}
          amountFen={cart.selectedAmountFen}
          onCheckout={() => openPage(routes.checkout({ from: 'cart' }))}
          onToggleAll={() => {
            const toChange = selectable.filter((line) => line.selected === allSelected);
            model.setSelected(
              toChange.map((line) => line.skuId),
              !allSelected,
            );
          }}
        />
      )}
    </View>
  );
}
