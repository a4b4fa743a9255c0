import Taro, { usePullDownRefresh, useReachBottom } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useCallback, useState } from 'react';
import { StateView } from '../../components/StateView';
import { ListFooter } from '../../components/ListFooter';
import { errorMessage } from '../../services/errors';
import {
  approveRefundRequest,
  getRefundRequests,
  rejectRefundRequest,
  retryRefund,
  type RefundFilter,
  type StaffRefund,
} from '../../services/staff';
import { formatFen } from '../../utils/money';
import { RefundCard } from './parts/RefundCard';
import { ReturnsList } from './parts/ReturnsList';
import { RejectSheet } from './parts/RejectSheet';
import { StaffGate, type StaffAtStore } from './parts/StaffGate';
import { usePaged } from './usePaged';
import { useStaff } from './useStaff';
import './staff.scss';
import './after-sale.scss';

/** The refund lists (before pickup), and 退换货: requests after pickup the store still acts on. */
type Tab = RefundFilter | 'returns';
const TABS: { filter: Tab; label: string }[] = [
  { filter: 'requested', label: '退款审核' },
  { filter: 'returns', label: '退换货' },
  { filter: 'failed', label: '退款异常' },
  { filter: 'all', label: '全部退款' },
];

const PAGE_SIZE = 20;

const REFUND_REJECT_REASONS = ['商品已取走，不符合退款条件', '商品已拆封影响二次销售', '与顾客沟通后顾客同意取消申请', '其他'];

/**
 * 售后审核 (managers): answer refund requests of orders already prepared, within 48 hours, and
 * handle 退货退款 / 换货 after pickup (审核, 确认收货, 交付换货).
 */
export default function StaffAfterSalePage() {
  const gate = useStaff('manager');
  return <StaffGate gate={gate}>{(staff) => <AfterSaleView staff={staff} />}</StaffGate>;
}

function AfterSaleView({ staff }: { staff: StaffAtStore }) {
  const [tab, setTab] = useState<Tab>('requested');
  return (
    <View className="staff-after-sale page-root">
      <View className="staff-tabs">
        {TABS.map((item) => (
          <View
            key={item.filter}
            className={`staff-tabs__item ${item.filter === tab ? 'staff-tabs__item--on' : ''}`}
            onClick={() => setTab(item.filter)}
          >
            <Text>{item.label}</Text>
          </View>
        ))}
      </View>
      {tab === 'returns' ? <ReturnsList storeId={staff.storeId} /> : <RefundsPane staff={staff} filter={tab} />}
    </View>
  );
}

function RefundsPane({ staff, filter }: { staff: StaffAtStore; filter: RefundFilter }) {
  const [busyId, setBusyId] = useState<number | null>(null);
  const [rejecting, setRejecting] = useState<StaffRefund | null>(null);
  const { storeId } = staff;
  const fetch = useCallback(
    (page: number) => getRefundRequests({ storeId, status: filter, page, pageSize: PAGE_SIZE }, { silent: true }),
    [storeId, filter],
  );
  const { state, reload, loadMore } = usePaged<StaffRefund>(fetch);

  usePullDownRefresh(() => {
    void reload(true).finally(() => Taro.stopPullDownRefresh());
  });
  useReachBottom(loadMore);

  /** Runs a decision; whatever happens, the list is read again (another manager may have answered). */
  const decide = async (refund: StaffRefund, run: () => Promise<unknown>, done: string): Promise<boolean> => {
    setBusyId(refund.id);
    try {
      await run();
      void Taro.showToast({ title: done, icon: 'success' });
      return true;
    } catch (error) {
      void Taro.showToast({ title: errorMessage(error), icon: 'none', duration: 2500 });
      return false;
    } finally {
      setBusyId(null);
      await reload(true);
    }
  };

  const approve = (refund: StaffRefund) => {
    void Taro.showModal({
      title: '同意退款',
      content: `同意后将原路退回 ¥${formatFen(refund.amountFen)} 给顾客，操作不可撤销。`,
      confirmText: '同意退款',
      cancelText: '再想想',
      confirmColor: '#e93b3d',
    }).then(({ confirm }) => {
      if (confirm) void decide(refund, () => approveRefundRequest(refund.id, { silent: true }), '已同意退款');
    });
  };

  const reject = (note: string) => {
    if (!rejecting) return;
    void decide(rejecting, () => rejectRefundRequest(rejecting.id, note, { silent: true }), '已拒绝').then((ok) => {
      if (ok) setRejecting(null);
    });
  };

  const retry = (refund: StaffRefund) => void decide(refund, () => retryRefund(refund.id, { silent: true }), '已重新发起退款');

  return (
    <>
      <View className="staff-list">
        {state.status === 'loading' && <StateView kind="loading" />}
        {state.status === 'error' && <StateView kind="error" message={state.message} onRetry={() => void reload()} />}
        {state.status === 'ready' && state.items.length === 0 && (
          <StateView
            kind="empty"
            title={filter === 'requested' ? '暂无待审核的售后申请' : filter === 'failed' ? '没有退款异常' : '暂无售后记录'}
            description={filter === 'requested' ? '顾客对已备货订单申请退款后，会出现在这里' : undefined}
          />
        )}
        {state.status === 'ready' && state.items.length > 0 && (
          <>
            {state.items.map((refund) => (
              <RefundCard
                key={refund.id}
                refund={refund}
                busy={busyId === refund.id}
                onApprove={() => approve(refund)}
                onReject={() => setRejecting(refund)}
                onRetry={() => retry(refund)}
              />
            ))}
            <ListFooter plain more={state.more} hasMore={state.items.length < state.total} onMore={loadMore} endText="没有更多了" />
          </>
        )}
      </View>
      <RejectSheet
        subjectId={rejecting?.id ?? null}
        title="拒绝退款"
        summary={rejecting ? `订单 ${rejecting.orderNo} · 申请退款 ¥${formatFen(rejecting.amountFen)}` : ''}
        reasons={REFUND_REJECT_REASONS}
        busy={rejecting !== null && busyId === rejecting.id}
        onClose={() => setRejecting(null)}
        onSubmit={reject}
      />
    </>
  );
}
