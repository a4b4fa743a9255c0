import { Input, Text, View } from '@tarojs/components';
import { PillButton } from '../../../components/PillButton';
import { canScan } from '../../../platform/scan';
import { COUPON_CODE_LENGTH, groupCode } from '../../../utils/coupon';
import { formatFen } from '../../../utils/money';
import type { TillModel } from '../useTill';

/** 优惠券: the customer's 券码 (scanned or typed) → the coupon the quote applied, or why it does not apply. */
export function TillCoupon({ till }: { till: TillModel }) {
  const applied = till.quote?.coupon ?? null;
  if (till.couponCode) {
    return (
      <View className="staff-section till-coupon card">
        <View className="staff-section__head">
          <Text className="staff-section__title">优惠券</Text>
          <Text className="staff-section__link" onClick={till.removeCoupon}>
            移除
          </Text>
        </View>
        {applied ? (
          <View className={`till-coupon__card ${applied.refusal ? 'till-coupon__card--off' : ''}`}>
            <View className="till-coupon__text">
              <Text className="till-coupon__name">{applied.name}</Text>
              <Text className="till-coupon__rule">
                {applied.ruleText !== applied.name ? `${applied.ruleText} · ` : ''}
                {applied.member.nickname || '微信用户'}的券
              </Text>
              {applied.refusal && <Text className="till-coupon__refusal">{applied.refusal.message}</Text>}
            </View>
            {!applied.refusal && <Text className="till-coupon__amount">-¥{formatFen(applied.discountFen)}</Text>}
          </View>
        ) : (
          <Text className="staff-code__hint">
            券码 {groupCode(till.couponCode)}
            {till.lines.length === 0 ? ' · 加入商品后计算优惠' : till.quoting ? ' · 正在计算…' : ''}
          </Text>
        )}
      </View>
    );
  }
  return (
    <View className="staff-section till-coupon card">
      <View className="staff-section__head">
        <Text className="staff-section__title">优惠券</Text>
        <Text className="staff-section__extra">选填 · 顾客线上领的券到店核销</Text>
      </View>
      <View className="staff-code">
        <View className={`staff-code__box ${till.couponError ? 'staff-code__box--error' : ''}`}>
          <Input
            className="staff-code__input till-coupon__input"
            type="number"
            value={till.couponInput}
            maxlength={COUPON_CODE_LENGTH}
            placeholder="输入顾客 20 位券码"
            placeholderClass="staff-code__placeholder"
            confirmType="done"
            onInput={(event) => till.setCouponInput(event.detail.value)}
            onConfirm={() => till.applyCoupon(till.couponInput)}
          />
        </View>
        {canScan ? (
          <PillButton variant="outline" className="staff-code__scan" onClick={till.scanCoupon}>
            扫一扫
          </PillButton>
        ) : null}
        <PillButton
          className="staff-code__submit till-coupon__apply"
          disabled={till.couponInput.length !== COUPON_CODE_LENGTH}
          onClick={() => till.applyCoupon(till.couponInput)}
        >
          使用
        </PillButton>
      </View>
      {till.couponError ? (
        <Text className="staff-code__error">{till.couponError}</Text>
      ) : (
        <Text className="staff-code__hint">请顾客打开「我的优惠券 › 到店使用」，券码每分钟刷新</Text>
      )}
    </View>
  );
}
