import { useRouter } from '@tarojs/taro';
import { Input, Text, View } from '@tarojs/components';
import { useEffect } from 'react';
import { PillButton } from '../../components/PillButton';
import { canScan } from '../../platform/scan';
import { COUPON_CODE_LENGTH, groupCode, shanghaiDay } from '../../utils/coupon';
import { formatShanghaiTimestamp } from '../../utils/time';
import { StaffGate, type StaffAtStore } from './parts/StaffGate';
import { backToWorkspace } from './navigation';
import { useCouponRedeem } from './useCouponRedeem';
import { useStaff } from './useStaff';
import './staff.scss';
import './coupon-redeem.scss';

/** 核销优惠券 (`?code=` a scanned 券码 to look up at once). */
export default function StaffCouponRedeemPage() {
  const gate = useStaff();
  const { params } = useRouter();
  return (
    <StaffGate gate={gate}>
      {(staff) => <RedeemView staff={staff} initialCode={params.code ? decodeURIComponent(params.code) : ''} />}
    </StaffGate>
  );
}

function RedeemView({ staff, initialCode }: { staff: StaffAtStore; initialCode: string }) {
  const model = useCouponRedeem(staff.storeId);
  const { step, error } = model;
  const { lookUp } = model;
  useEffect(() => {
    if (initialCode) lookUp(initialCode);
  }, [initialCode, lookUp]);

  if (step.step === 'done') {
    const { redemption } = step;
    return (
      <View className="staff-page page-root coupon-redeem">
        <View className="staff-section card">
          <View className="staff-done">
            <View className="staff-done__tick" />
            <Text className="staff-done__title">核销成功</Text>
            <Text className="staff-done__sub">
              {redemption.name} · {redemption.ruleText}
            </Text>
            <Text className="staff-done__sub">
              顾客 {redemption.member.nickname || '微信用户'} · {formatShanghaiTimestamp(redemption.redeemedAt)}
            </Text>
            <Text className="staff-done__points">请按券面规则为顾客减免</Text>
          </View>
        </View>
        <View className="coupon-redeem__next">
          <PillButton block className="coupon-redeem__next-button" onClick={model.reset}>
            继续核销
          </PillButton>
          <PillButton block variant="outline" className="coupon-redeem__next-button" onClick={backToWorkspace}>
            返回工作台
          </PillButton>
        </View>
      </View>
    );
  }

  const found = step.step === 'found' ? step : null;
  return (
    <View className={`staff-page page-root coupon-redeem ${found ? 'staff-page--with-bar' : ''}`}>
      <View className="staff-section card">
        <View className="staff-section__head">
          <Text className="staff-section__title">券码</Text>
          <Text className="staff-section__extra">{staff.storeName}</Text>
        </View>
        <View className="staff-code">
          <View className={`staff-code__box ${error ? 'staff-code__box--error' : ''}`}>
            <Input
              className="staff-code__input coupon-redeem__input"
              type="number"
              value={model.digits}
              maxlength={COUPON_CODE_LENGTH}
              placeholder="输入顾客 20 位券码"
              placeholderClass="staff-code__placeholder"
              confirmType="search"
              onInput={(event) => model.setDigits(event.detail.value)}
              onConfirm={() => model.lookUp(model.digits)}
            />
          </View>
          {canScan && (
            <PillButton variant="outline" className="staff-code__scan" onClick={model.scanCode}>
              扫码
            </PillButton>
          )}
        </View>
        {error ? (
          <Text className="staff-code__error">{error}</Text>
        ) : (
          <Text className="staff-code__hint">请顾客打开「我的优惠券 › 到店使用」，券码每分钟刷新，截图无效</Text>
        )}
        {!found && (
          <PillButton
            block
            className="coupon-redeem__lookup"
            loading={step.step === 'looking'}
            disabled={model.digits.length !== COUPON_CODE_LENGTH}
            onClick={() => model.lookUp(model.digits)}
          >
            查询券码
          </PillButton>
        )}
      </View>

      {found && (
        <View className="staff-section card coupon-redeem__preview">
          <View className="staff-section__head">
            <Text className="staff-section__title">优惠券</Text>
            <Text className="staff-section__extra">{groupCode(found.code)}</Text>
          </View>
          <View className={`coupon-redeem__ticket ${found.preview.usable ? '' : 'coupon-redeem__ticket--off'}`}>
            <Text className="coupon-redeem__name">{found.preview.coupon.name}</Text>
            <Text className="coupon-redeem__rule">{found.preview.coupon.ruleText}</Text>
            <Text className="coupon-redeem__meta">
              顾客 {found.preview.coupon.member.nickname || '微信用户'} · 有效期 {shanghaiDay(found.preview.coupon.validFrom)}-
              {shanghaiDay(found.preview.coupon.validTo)}
            </Text>
          </View>
          {found.preview.refusal && (
            <View className="coupon-redeem__refusal">
              <Text className="coupon-redeem__refusal-title">不能核销</Text>
              <Text className="coupon-redeem__refusal-message">{found.preview.refusal.message}</Text>
            </View>
          )}
        </View>
      )}

      {found && (
        <View className="staff-bar">
          <PillButton variant="outline" className="staff-bar__button" onClick={model.reset}>
            重新输入
          </PillButton>
          <PillButton
            className="staff-bar__button coupon-redeem__confirm"
            loading={found.redeeming}
            disabled={!found.preview.usable}
            onClick={model.confirm}
          >
            确认核销
          </PillButton>
        </View>
      )}
    </View>
  );
}
