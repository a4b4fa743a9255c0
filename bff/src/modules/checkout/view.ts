import type { DbOrTx } from '@shop/db';
import { ORDER_STATUS_LABELS } from '../../domain/order-state';
import { linesOfRefunds, refundsOfOrder, refundView } from '../refund';
import { findGroup } from '../groupbuy';
import { eventsOf, linesOf, type OrderLineRow, type OrderRow } from '../order';
import { maskPhone } from '../member';
import { findStoreBrief, type StoreBrief } from './pickup';

export type OrderView = Awaited<ReturnType<typeof orderView>>;

/**
 * What the customer sees of an order (list and detail share it; detail — `timeline` — adds the
 * timeline, the refunds and the whole 提货人手机号, which lists mask). A list passes its page's
 * lines and stores, read once for the page.
 */
export async function orderView(
  db: DbOrTx,
  order: OrderRow,
  options: { timeline?: boolean; lines?: OrderLineRow[]; store?: StoreBrief } = {},
) {
  const lines = options.lines ?? (await linesOf(db, [order.id]));
  const store = options.store ?? (await findStoreBrief(db, order.storeId));
  const events = options.timeline ? await eventsOf(db, order.id) : [];
  const refunds = options.timeline ? await refundsOfOrder(db, order.id) : [];
  const refundLines = await linesOfRefunds(
    db,
    refunds.map((r) => r.id),
  );
  return {
    id: order.id,
    orderNo: order.orderNo,
    status: order.status,
    statusLabel: ORDER_STATUS_LABELS[order.status],
    storeId: order.storeId,
    store: {
      id: order.storeId,
      name: store?.name ?? '门店',
      address: store?.address ?? '',
      phone: store?.phone ?? '',
      lat: store?.lat ?? 0,
      lng: store?.lng ?? 0,
    },
    pickupPhone: order.pickupPhone ? (options.timeline ? order.pickupPhone : maskPhone(order.pickupPhone)) : null,
    pickupSlot:
      order.pickupSlotStart && order.pickupSlotEnd
        ? { start: order.pickupSlotStart.toISOString(), end: order.pickupSlotEnd.toISOString() }
        : null,
    channel: order.channel,
    activityType: order.activityType,
    group: order.groupId ? await groupOfOrder(db, order.groupId) : null,
    items: lines.map((line) => ({
      lineId: line.id,
      skuId: line.skuId,
      productId: line.productId,
      title: line.title,
      specText: line.specText,
      imageUrl: line.imageUrl,
      qty: line.qty,
      unitPriceFen: line.unitPriceFen,
      activityPriceFen: line.activityPriceFen,
      payableFen: line.payableFen,
      refundedQty: line.refundedQty,
      refundedFen: line.refundedFen,
    })),
    itemsTotalFen: order.itemsTotalFen,
    memberDiscountFen: order.memberDiscountFen,
    promotionDiscountFen: order.promotionDiscountFen,
    couponDiscountFen: order.couponDiscountFen,
    payableFen: order.payableFen,
    paidFen: order.paidFen,
    refundedFen: order.refundedFen,
    remark: order.remark,
    payDeadline: order.payDeadline?.toISOString() ?? null,
    paidAt: order.paidAt?.toISOString() ?? null,
    createdAt: order.createdAt.toISOString(),
    timeline: events.map((e) => ({
      status: e.toStatus,
      label: ORDER_STATUS_LABELS[e.toStatus],
      reason: e.reason,
      at: e.createdAt.toISOString(),
    })),
    /** Detail only: every refund of the order with its status and amounts. */
    refunds: refunds.map((r) =>
      refundView(
        r,
        refundLines.filter((l) => l.refundId === r.id),
      ),
    ),
  };
}

async function groupOfOrder(db: DbOrTx, groupId: number) {
  const group = await findGroup(db, groupId);
  return group ? { id: group.id, status: group.status } : null;
}
