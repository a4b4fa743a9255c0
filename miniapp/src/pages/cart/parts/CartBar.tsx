import { Text, View } from '@tarojs/components';
import { Price } from '../../../components/Price';
import { CheckCircle } from './CheckCircle';

interface CartBarProps {
  allSelected: boolean;
  canSelect: boolean;
  selectedQty: number;
  /** SKU prices × quantities of the ticked lines; discounts come with the checkout quote. */
  amountFen: number;
  onToggleAll: () => void;
  /** 去结算: opens 确认订单 with the ticked lines. */
  onCheckout: () => void;
}

/** 全选 · 合计 · 去结算, pinned above the tab bar. */
export function CartBar({ allSelected, canSelect, selectedQty, amountFen, onToggleAll, onCheckout }: CartBarProps) {
  const canCheckout = selectedQty > 0;
  return (
    <View className="cart-bar">
      <View className="cart-bar__all" onClick={canSelect ? onToggleAll : undefined}>
        <CheckCircle checked={allSelected} disabled={!canSelect} onClick={onToggleAll} />
        <Text>全选</Text>
      </View>
      <View className="cart-bar__sum">
        <View className="cart-bar__total">
          <Text className="cart-bar__total-label">合计：</Text>
          <Price fen={amountFen} size="sm" />
        </View>
        {/* The total is what the lines cost; member prices, 满减 and coupons come with the quote. */}
        <Text className="cart-bar__note">不含优惠，结算时计算</Text>
      </View>
      <View
        className={`cart-bar__checkout ${canCheckout ? '' : 'cart-bar__checkout--disabled'}`}
        onClick={canCheckout ? onCheckout : undefined}
      >
        去结算{selectedQty > 0 ? `(${selectedQty})` : ''}
      </View>
    </View>
  );
}

interface ManageBarProps {
  allPicked: boolean;
  pickedCount: number;
  busy: boolean;
  onPickAll: () => void;
  onDelete: () => void;
}

/** 管理 mode's bar: 全选 every line (失效 ones too) · 删除 the picked ones. */
export function ManageBar({ allPicked, pickedCount, busy, onPickAll, onDelete }: ManageBarProps) {
  const canDelete = pickedCount > 0 && !busy;
  return (
    <View className="cart-bar cart-bar--manage">
      <View className="cart-bar__all" onClick={onPickAll}>
        <CheckCircle checked={allPicked} onClick={onPickAll} />
        <Text>全选</Text>
      </View>
      <Text className="cart-bar__picked">{pickedCount > 0 ? `已选 ${pickedCount} 种` : '选择要删除的商品'}</Text>
      <View className={`cart-bar__delete ${canDelete ? '' : 'cart-bar__delete--disabled'}`} onClick={canDelete ? onDelete : undefined}>
        删除{pickedCount > 0 ? `(${pickedCount})` : ''}
      </View>
    </View>
  );
}
