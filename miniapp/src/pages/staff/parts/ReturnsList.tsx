import Taro, { usePullDownRefresh, useReachBottom } from '@tarojs/taro';
import { View } from '@tarojs/components';
import { useCallback, useState } from 'react';
import { ListFooter } from '../../../components/ListFooter';
import { ListSkeleton } from '../../../components/Skeleton';
import { StateView } from '../../../components/StateView';
import { getStaffAfterSales, staffAfterSaleStep, type StaffAfterSale } from '../../../services/aftersale';
import { errorMessage } from '../../../services/errors';
import { formatFen } from '../../../utils/money';
import { usePaged } from '../usePaged';
import { ReturnCard } from './ReturnCard';
import { RejectSheet } from './RejectSheet';

const PAGE_SIZE = 20;

const RETURN_REJECT_REASONS = ['商品已使用或洗涤，影响二次销售', '吊牌或包装缺失', '照片无法看出问题，请到店检测', '其他'];

/** 退换货: requests after pickup the store still acts on (审核, 确认收货, 交付换货), newest first. */
export function ReturnsList({ storeId }: { storeId: number }) {
  const [busyId, setBusyId] = useState<number | null>(null);
  const [rejecting, setRejecting] = useState<StaffAfterSale | null>(null);
  const fetch = useCallback(
    (page: number) => getStaffAfterSales({ storeId, status: 'open', page, pageSize: PAGE_SIZE }, { silent: true }),
    [storeId],
  );
  const { state, reload, loadMore } = usePaged<StaffAfterSale>(fetch);

  usePullDownRefresh(() => {
    void reload(true).finally(() => Taro.stopPullDownRefresh());
  });
  useReachBottom(loadMore);

  const step = async (a: StaffAfterSale, run: () => Promise<unknown>, done: string): Promise<boolean> => {
    setBusyId(a.id);
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

  const confirmThen = (title: string, content: string, confirmText: string, run: () => void) => {
    void Taro.showModal({ title, content, confirmText, cancelText: '再想想', confirmColor: '#e93b3d' }).then(({ confirm }) => {
      if (confirm) run();
    });
  };

  const approve = (a: StaffAfterSale) =>
    confirmThen(
      '同意申请',
      `同意后请顾客携带商品到店办理${a.typeLabel}。`,
      '同意',
      () => void step(a, () => staffAfterSaleStep(a.id, 'approve', undefined, { silent: true }), '已同意'),
    );
  const receive = (a: StaffAfterSale) =>
    confirmThen(
      '确认收货',
      a.type === 'return'
        ? `确认已收到退回的商品并核对无误？确认后商品回到本店库存，¥${formatFen(a.refundFen)} 将原路退给顾客。`
        : '确认已收到退回的商品并核对无误？确认后商品回到本店库存。',
      '确认收货',
      () =>
        void step(
          a,
          () => staffAfterSaleStep(a.id, 'receive', undefined, { silent: true }),
          a.type === 'return' ? '已收货，退款中' : '已收货',
        ),
    );
  const handOver = (a: StaffAfterSale) =>
    confirmThen(
      '交付换货',
      `请将 ${a.lines.map((l) => l.exchange?.specText ?? '').join('、')} 交给顾客，确认后从库存扣减。`,
      '已交付',
      () => void step(a, () => staffAfterSaleStep(a.id, 'hand-over', undefined, { silent: true }), '换货完成'),
    );
  const reject = (note: string) => {
    if (!rejecting) return;
    void step(rejecting, () => staffAfterSaleStep(rejecting.id, 'reject', note, { silent: true }), '已拒绝').then((ok) => {
      if (ok) setRejecting(null);
    });
  };

  return (
    <View className="staff-list">
      {state.status === 'loading' && <ListSkeleton rows={3} />}
      {state.status === 'error' && <StateView kind="error" message={state.message} onRetry={() => void reload()} />}
      {state.status === 'ready' && state.items.length === 0 && (
        <StateView kind="empty" title="暂无待处理的退换货" description="顾客提货后 7 天内申请退货退款或换货，会出现在这里" />
      )}
      {state.status === 'ready' && state.items.length > 0 && (
        <>
          {state.items.map((a) => (
            <ReturnCard
              key={a.id}
              afterSale={a}
              busy={busyId === a.id}
              onApprove={() => approve(a)}
              onReject={() => setRejecting(a)}
              onReceive={() => receive(a)}
              onHandOver={() => handOver(a)}
              onPhoto={(url) => void Taro.previewImage({ current: url, urls: a.photos.map((p) => p.url) })}
            />
          ))}
          <ListFooter plain more={state.more} hasMore={state.items.length < state.total} onMore={loadMore} endText="没有更多了" />
        </>
      )}
      <RejectSheet
        subjectId={rejecting?.id ?? null}
        title={`拒绝${rejecting?.typeLabel ?? '售后'}`}
        summary={rejecting ? `${rejecting.serviceNo} · 订单 ${rejecting.orderNo}` : ''}
        reasons={RETURN_REJECT_REASONS}
        busy={rejecting !== null && busyId === rejecting.id}
        onClose={() => setRejecting(null)}
        onSubmit={reject}
      />
    </View>
  );
}
