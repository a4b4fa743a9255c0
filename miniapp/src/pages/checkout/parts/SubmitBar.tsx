import { Text, View } from '@tarojs/components';
import { PillButton } from '../../../components/PillButton';
import { Price } from '../../../components/Price';

interface SubmitBarProps {
  payableFen: number;
  inStock: boolean;
  quoting: boolean;
  submitting: boolean;
  onSubmit: () => void;
  /** Instead of 提交订单 (e.g. 支付并开团). */
  label?: string;
}

/** 实付 ¥x · 提交订单, pinned to the bottom. */
export function SubmitBar({ payableFen, inStock, quoting, submitting, onSubmit, label = '提交订单' }: SubmitBarProps) {
  return (
    <View className="checkout-bar">
      <View className="checkout-bar__sum">
        <Text className="checkout-bar__label">实付</Text>
        <Price fen={payableFen} size="sm" />
        {quoting && <Text className="checkout-bar__hint">计算中…</Text>}
      </View>
      <PillButton className="checkout-bar__submit" loading={submitting} disabled={quoting || !inStock} onClick={onSubmit}>
        {inStock ? label : '门店无货'}
      </PillButton>
    </View>
  );
}
