import { useCallback, useEffect, useState } from 'react';
import { errorMessage } from '../../services/errors';
import { getMe, type StaffRole } from '../../services/member';
import { getChosenStore, setChosenStore, type ChosenStore } from '../../stores/staffStore';
import { hasRole } from '../../utils/staff';

/** Who is working, and on which store. */
export interface StaffContext {
  role: StaffRole;
  nickname: string;
  /** The store acted on: the staff member's own; for head office the one chosen (null until then). */
  storeId: number | null;
  storeName: string;
}

export type StaffGateState =
  | { status: 'loading' }
  | { status: 'error'; message: string }
  /** A customer account: the workspace is not for them. */
  | { status: 'notStaff' }
  /** Staff, but the page needs a higher role (售后审核 and 经营数据 are for managers). */
  | { status: 'notAllowed'; role: StaffRole }
  | { status: 'ready'; staff: StaffContext };

export interface StaffGate {
  state: StaffGateState;
  /** The role the page needs. */
  minRole: StaffRole;
  reload: () => void;
  /** Head office picks the store it works on. */
  chooseStore: (store: ChosenStore) => void;
}

/**
 * The signed-in member as staff, checked when a staff page opens. The BFF enforces the same
 * rules on every call; this only spares staff pages that would fail anyway and says why.
 */
export function useStaff(minRole: StaffRole = 'clerk'): StaffGate {
  const [state, setState] = useState<StaffGateState>({ status: 'loading' });

  const reload = useCallback(() => {
    setState({ status: 'loading' });
    getMe({ silent: true }).then(
      (me) => {
        if (!me.staff) return setState({ status: 'notStaff' });
        const { role } = me.staff;
        if (!hasRole(role, minRole)) return setState({ status: 'notAllowed', role });
        const chosen = role === 'admin' ? getChosenStore() : null;
        setState({
          status: 'ready',
          staff: {
            role,
            nickname: me.nickname,
            storeId: role === 'admin' ? (chosen?.id ?? null) : me.staff.storeId,
            storeName: (role === 'admin' ? chosen?.name : me.staff.storeName) ?? '',
          },
        });
      },
      (error: unknown) => setState({ status: 'error', message: errorMessage(error) }),
    );
  }, [minRole]);

  useEffect(reload, [reload]);

  const chooseStore = useCallback((store: ChosenStore) => {
    setChosenStore(store);
    setState((previous) =>
      previous.status === 'ready' && previous.staff.role === 'admin'
        ? { status: 'ready', staff: { ...previous.staff, storeId: store.id, storeName: store.name } }
        : previous,
    );
  }, []);

  return { state, minRole, reload, chooseStore };
}
