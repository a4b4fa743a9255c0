import { Text, View } from '@tarojs/components';
import { PillButton } from '../../components/PillButton';
import { formatFen } from '../../utils/money';
// StateView (StaffGate), then QtyStepper (TillBasket), then Avatar and TierBadge (TillMember):
// the order of components/README.md.
import { StaffGate, type StaffAtStore } from './parts/StaffGate';
import { TillBasket } from './parts/TillBasket';
import { TillCoupon } from './parts/TillCoupon';
import { TillMember } from './parts/TillMember';
import { TillReceipt } from './parts/TillReceipt';
import { TillToday } from './parts/TillToday';
import { TillTotals } from './parts/TillTotals';
import { backToWorkspace } from './navigation';
import { useStaff } from './useStaff';
import { useTill } from './useTill';
import './staff.scss';
import './till.scss';

/** 收银台: a walk-in sale on the shared stock, with the member's discount and points. */
export default function StaffTillPage() {
  const gate = useStaff();
  return <StaffGate gate={gate}>{(staff) => <TillView staff={staff} />}</StaffGate>;
}

function TillView({ staff }: { staff: StaffAtStore }) {
  const till = useTill(staff.storeId);
  if (till.sale) return <TillReceipt sale={till.sale} onNext={till.reset} onHome={backToWorkspace} />;
  const payable = till.quote && till.lines.length > 0 ? till.quote.payableFen : 0;
  return (
    <View className="staff-page staff-page--with-bar page-root till">
      <Text className="till__store">
        {staff.storeName} · 收银员 {staff.nickname}
      </Text>
      <TillMember till={till} />
      <TillBasket till={till} />
      <TillCoupon till={till} />
      <TillTotals till={till} />
      <TillToday till={till} />
      <View className="staff-bar till-bar">
        <View className="till-bar__total">
          <Text className="till-bar__label">应收</Text>
          <Text className="till-bar__amount">¥{formatFen(payable)}</Text>
        </View>
        <PillButton className="till-bar__submit" loading={till.submitting} disabled={!till.canSubmit} onClick={till.submit}>
          确认收款
        </PillButton>
      </View>
    </View>
  );
}
