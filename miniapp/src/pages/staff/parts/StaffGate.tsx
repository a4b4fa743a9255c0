import { View } from '@tarojs/components';
import type { ReactNode } from 'react';
import { StateView } from '../../../components/StateView';
import { openPage } from '../../../utils/navigate';
import { roleLabel } from '../../../utils/staff';
import type { StaffContext, StaffGate as Gate } from '../useStaff';
import { routes } from '../../../routes';

/** Staff working on a known store (what every staff page but the home needs). */
export type StaffAtStore = StaffContext & { storeId: number };

type StaffGateProps =
  | { gate: Gate; needsStore?: true; children: (staff: StaffAtStore) => ReactNode }
  /** The workspace home, where head office picks its store. */
  | { gate: Gate; needsStore: false; children: (staff: StaffContext) => ReactNode };

/** A staff page's content, or why it cannot be shown: loading, failure, not staff, role too low, no store. */
export function StaffGate(props: StaffGateProps) {
  const { gate } = props;
  const { state } = gate;
  if (state.status === 'loading') return <StateView kind="loading" />;
  if (state.status === 'error') return <StateView kind="error" message={state.message} onRetry={gate.reload} />;
  if (state.status === 'notStaff') {
    return (
      <View className="staff-gate page-root">
        <StateView
          kind="empty"
          illustration="lock"
          title="仅限门店员工"
          description="店员工作台仅对门店员工开放，如需开通请联系门店店长"
          action={{ text: '返回我的', onClick: () => openPage(routes.me()) }}
        />
      </View>
    );
  }
  if (state.status === 'notAllowed') {
    return (
      <View className="staff-gate page-root">
        <StateView
          kind="empty"
          illustration="lock"
          title={`仅限${roleLabel(gate.minRole)}使用`}
          description={`你当前是${roleLabel(state.role)}，该功能需要${roleLabel(gate.minRole)}权限`}
          action={{ text: '返回工作台', onClick: () => openPage(routes.staffHome()) }}
        />
      </View>
    );
  }
  const { staff } = state;
  if (props.needsStore === false) return <>{props.children(staff)}</>;
  if (staff.storeId === null) {
    return (
      <View className="staff-gate page-root">
        <StateView
          kind="empty"
          title="请先选择门店"
          description="总部账号需先在工作台选择要操作的门店"
          action={{ text: '去选择门店', onClick: () => openPage(routes.staffHome()) }}
        />
      </View>
    );
  }
  return <>{props.children({ ...staff, storeId: staff.storeId })}</>;
}
