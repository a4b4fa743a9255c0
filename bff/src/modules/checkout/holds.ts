import type { Tx } from '@shop/db';
import { lockForOrder, releaseForOrder } from '../coupon';
import { holdFlashUnits, releaseFlashUnits } from '../flashsale';
import { recordSeat, releaseSeat, takeSeat } from '../groupbuy';
import { release, reserve } from '../inventory';
import type { OrderRow } from '../order';
import type { Priced } from '../pricing';
import type { AfterStep } from '../../steps';

/**
 * What an unpaid online order holds, each with the function that gives it back. Placing an order
 * takes them inside its transaction (a failure rolls them all back); the unpaid close releases
 * them, in reverse, inside the cancel transaction — the same release functions either way.
 */
export type Placing = {
  tx: Tx;
  memberId: number;
  priced: Priced;
  /** The group the order joins (undefined: opens a new one). */
  joinGroupId: number | undefined;
  invitedBy: number | null;
  now: Date;
  /** Set by the activity hold, before the order row exists. */
  groupId: number | null;
  /** Set once the order row exists. */
  order: Pick<OrderRow, 'id' | 'orderNo' | 'storeId'> | null;
};

/** Who gives the holds back, and when (the stock ledger records both). */
export type Releasing = { now: Date; actor: { type: 'member' | 'system'; id?: number } };

type Hold = {
  name: string;
  /** Before the order row: the activity's own stock and seat, whose id the row records. */
  beforeOrder?: true;
  take(p: Placing): Promise<void>;
  release(tx: Tx, order: OrderRow, by: Releasing): Promise<void>;
};

const activity: Hold = {
  name: 'activity',
  beforeOrder: true,
  async take(p) {
    const context = p.priced.activity;
    const qty = p.priced.lines[0]?.qty ?? 0;
    if (context?.type === 'group') {
      const seat = { campaign: context.campaign, groupId: p.joinGroupId, memberId: p.memberId, qty, invitedBy: p.invitedBy, now: p.now };
      p.groupId = await takeSeat(p.tx, seat);
    }
    if (context?.type === 'flash') await holdFlashUnits(p.tx, context.sale, p.memberId, qty);
  },
  async release(tx, order, { now }) {
    // Each gives back only what this order holds (a seat, flash units); otherwise nothing.
    await releaseSeat(tx, order, now);
    await releaseFlashUnits(tx, order);
  },
};

const seat: Hold = {
  name: 'seat',
  async take(p) {
    if (!p.groupId || !p.order) return;
    const isLeader = p.joinGroupId === undefined;
    const row = {
      groupId: p.groupId,
      memberId: p.memberId,
      orderId: p.order.id,
      qty: p.priced.lines[0].qty,
      isLeader,
      invitedBy: p.invitedBy,
    };
    await recordSeat(p.tx, row);
  },
  // The seat row goes with the activity hold's releaseSeat.
  async release() {},
};

const stock: Hold = {
  name: 'stock',
  async take(p) {
    const lines = p.priced.lines.map((l) => ({ skuId: l.skuId, qty: l.qty }));
    await reserve(p.tx, {
      storeId: p.order!.storeId,
      lines,
      reference: p.order!.orderNo,
      actor: { type: 'member', id: p.memberId },
      at: p.now,
    });
  },
  async release(tx, order, { now, actor }) {
    await release(tx, { storeId: order.storeId, reference: order.orderNo, actor, at: now });
  },
};

const coupon: Hold = {
  name: 'coupon',
  async take(p) {
    const userCouponId = p.priced.pricing.couponId;
    if (userCouponId !== null) await lockForOrder(p.tx, { userCouponId, memberId: p.memberId, orderId: p.order!.id, at: p.now });
  },
  async release(tx, order, { now, actor }) {
    if (order.userCouponId) await releaseForOrder(tx, { userCouponId: order.userCouponId, orderId: order.id, at: now, actor });
  },
};

export const HOLDS: readonly Hold[] = [activity, seat, stock, coupon];

/** Takes the holds that come before (or after) the order row, in order. */
export async function takeHolds(p: Placing, phase: 'before_order' | 'after_order', afterStep?: AfterStep): Promise<void> {
  for (const hold of HOLDS.filter((h) => Boolean(h.beforeOrder) === (phase === 'before_order'))) {
    await hold.take(p);
    await afterStep?.(hold.name);
  }
}

/** Gives every hold of an unpaid order back, in reverse (inside the caller's cancel transaction). */
export async function releaseHolds(tx: Tx, order: OrderRow, by: Releasing): Promise<void> {
  for (const hold of [...HOLDS].reverse()) await hold.release(tx, order, by);
}
