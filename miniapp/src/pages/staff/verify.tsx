import { useRouter } from '@tarojs/taro';
import { Input, Text, View } from '@tarojs/components';
import { useEffect } from 'react';
import { PillButton } from '../../components/PillButton';
import { canScan } from '../../platform/scan';
import { formatFen } from '../../utils/money';
import { customerLabel, formatPickupCode, PICKUP_CODE_LENGTH, pieceCount } from '../../utils/pickup';
import { formatQueueTime } from '../../utils/staff';
import { OrderLines } from './parts/OrderLines';
import { PickupInfo } from './parts/PickupInfo';
import { StaffGate, type StaffAtStore } from './parts/StaffGate';
import { backToWorkspace } from './navigation';
import { useStaff } from './useStaff';
import { useVerify, type VerifyError } from './useVerify';
import './staff.scss';
import './verify.scss';

/** 核销取货 (`?code=` a scanned payload to look up at once). */
export default function StaffVerifyPage() {
  const gate = useStaff();
  const { params } = useRouter();
  return (
    <StaffGate gate={gate}>
      {(staff) => <VerifyView staff={staff} initialCode={params.code ? decodeURIComponent(params.code) : ''} />}
    </StaffGate>
  );
}

function VerifyView({ staff, initialCode }: { staff: StaffAtStore; initialCode: string }) {
  const model = useVerify(staff.storeId);
  const { digits, phase, error } = model;

  // Opened from the home page's scanner: look the scanned code up once.
  const { lookUp } = model;
  useEffect(() => {
    if (initialCode) lookUp(initialCode);
  }, [initialCode, lookUp]);

  if (phase.step === 'done') {
    const { result, summary } = phase;
    return (
      <View className="staff-page page-root staff-verify">
        <View className="staff-section card">
          <View className="staff-done staff-verify__done">
            <View className="staff-done__tick" />
            <Text className="staff-done__title">核销成功</Text>
            <Text className="staff-done__sub">
              {customerLabel(summary.customer)} · 共 {pieceCount(summary.items)} 件
            </Text>
            <Text className="staff-done__sub">订单号 {result.orderNo}</Text>
            {result.pointsEarned > 0 && <Text className="staff-done__points">顾客获得 {result.pointsEarned} 积分</Text>}
          </View>
        </View>
        <View className="staff-verify__next">
          <PillButton block className="staff-verify__next-button" onClick={model.reset}>
            继续核销
          </PillButton>
          <PillButton block variant="outline" className="staff-verify__next-button" onClick={backToWorkspace}>
            返回工作台
          </PillButton>
        </View>
      </View>
    );
  }

  const found = phase.step === 'found' ? phase : null;
  const alreadyDone = error?.kind === 'done';
  return (
    <View className={`staff-page page-root staff-verify ${found ? 'staff-page--with-bar' : ''}`}>
      <View className="staff-section card">
        <View className="staff-section__head">
          <Text className="staff-section__title">取货码</Text>
          <Text className="staff-section__extra">{canScan ? '扫描或输入顾客出示的取货码' : '输入顾客出示的 8 位取货码'}</Text>
        </View>
        <View className="staff-code">
          <View className={`staff-code__box ${error && !found ? 'staff-code__box--error' : ''}`}>
            <Input
              className="staff-code__input staff-verify__input"
              type="number"
              value={digits}
              maxlength={PICKUP_CODE_LENGTH}
              placeholder="请输入 8 位取货码"
              placeholderClass="staff-code__placeholder"
              confirmType="search"
              disabled={phase.step === 'looking' || Boolean(found?.confirming)}
              onInput={(event) => model.setDigits(event.detail.value)}
              onConfirm={() => model.lookUp(digits)}
            />
            {digits !== '' && !found && <View className="staff-code__clear" onClick={() => model.setDigits('')} />}
          </View>
          {canScan && (
            <PillButton variant="outline" className="staff-code__scan" onClick={model.scanCode}>
              扫码
            </PillButton>
          )}
        </View>
        {error && !found ? <ErrorNote error={error} /> : <Text className="staff-code__hint">{codeHint(digits)}</Text>}
        {!found && (
          <PillButton
            block
            className="staff-verify__lookup"
            loading={phase.step === 'looking'}
            disabled={digits.length !== PICKUP_CODE_LENGTH || error?.kind === 'locked'}
            onClick={() => model.lookUp(digits)}
          >
            查询订单
          </PillButton>
        )}
      </View>

      {found && (
        <View className="staff-order staff-verify__order card">
          <View className="staff-order__head">
            <Text className="staff-order__no">订单号 {found.summary.orderNo}</Text>
            <Text className={`staff-order__status ${alreadyDone ? 'staff-order__status--done' : 'staff-order__status--action'}`}>
              {alreadyDone ? '已核销' : '待取货'}
            </Text>
          </View>
          <View className="staff-order__customer">
            <Text className="staff-order__name staff-verify__customer">{customerLabel(found.summary.customer)}</Text>
            {found.summary.readyAt && <Text className="staff-order__time">{formatQueueTime(found.summary.readyAt)} 备好</Text>}
          </View>
          <Text className="staff-verify__code">取货码 {formatPickupCode(found.code)}</Text>
          <PickupInfo pickup={found.summary.pickup} />
          <OrderLines items={found.summary.items} />
          <View className="staff-order__sum">
            <Text>共 {pieceCount(found.summary.items)} 件，实付</Text>
            <Text className="staff-order__amount">¥{formatFen(found.summary.paidFen)}</Text>
          </View>
          {error && <ErrorNote error={error} />}
        </View>
      )}

      {found && (
        <View className="staff-bar">
          <PillButton variant="outline" className="staff-bar__button staff-verify__again" disabled={found.confirming} onClick={model.reset}>
            {alreadyDone ? '继续核销' : '重新输入'}
          </PillButton>
          {!alreadyDone && (
            <PillButton className="staff-bar__button staff-verify__confirm" loading={found.confirming} onClick={model.confirm}>
              确认核销
            </PillButton>
          )}
        </View>
      )}
    </View>
  );
}

function codeHint(digits: string): string {
  if (digits.length === 0) return '取货码在顾客「订单详情」页，也可让顾客读出 8 位数字';
  if (digits.length < PICKUP_CODE_LENGTH) return `已输入 ${digits.length}/${PICKUP_CODE_LENGTH} 位`;
  return `取货码 ${formatPickupCode(digits)}，点击查询订单`;
}

function ErrorNote({ error }: { error: VerifyError }) {
  return (
    <View className={`staff-verify__error staff-verify__error--${error.kind}`}>
      <Text className="staff-verify__error-title">{error.title}</Text>
      <Text className="staff-verify__error-message">{error.message}</Text>
    </View>
  );
}
