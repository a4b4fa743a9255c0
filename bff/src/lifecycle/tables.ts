import type { MySqlColumn, MySqlTable } from 'drizzle-orm/mysql-core';
import {
  afterSales,
  couponTemplates,
  groupMembers,
  groups,
  payments,
  pickupCodes,
  refunds,
  statusChanges,
  userCoupons,
  type Tx,
} from '@shop/db';
import type { Lifecycle } from '../domain/lifecycle';
import { groupSeatLifecycle } from '../domain/group-seat-state';
import { groupLifecycle } from '../domain/group-state';
import { paymentLifecycle } from '../domain/payment-state';
import { pickupCodeLifecycle } from '../domain/pickup-code-state';
import { refundLifecycle } from '../domain/refund-state';
import { userCouponLifecycle } from '../domain/user-coupon-state';
import { couponTemplateLifecycle } from '../domain/coupon-template-state';
import { afterSaleLifecycle } from '../domain/after-sale-state';
import { errors } from '../http/errors';
import type { Actor, StatusChange, StatusTable } from './apply';

/**
 * Each lifecycle bound to its table: which column is the key, where the history goes, and the 409
 * a refused move or a lost race answers by default; each writes status_changes (with the time of the
 * move). Orders are bound in their own module (modules/order/transitions.ts), because their history
 * is the customer's timeline in order_events, which only the order module writes.
 */

export type StatusChangeNote = { at: Date };

function withStatusChanges<S extends string, E extends string, T extends MySqlTable>(
  lifecycle: Lifecycle<S, E>,
  table: T,
  key: MySqlColumn,
  status: MySqlColumn,
  conflict: { code: string; message: string },
): StatusTable<S, E, T, StatusChangeNote> {
  return {
    lifecycle,
    table,
    key,
    status,
    record: (tx: Tx, change: StatusChange<S, E>, note: StatusChangeNote & { actor: Actor }) =>
      tx.insert(statusChanges).values({
        entity: lifecycle.name,
        entityId: change.id,
        fromStatus: change.from,
        toStatus: change.to,
        event: change.event,
        actorType: note.actor.type,
        actorId: note.actor.id ?? null,
        at: note.at,
      }),
    conflict: () => errors.conflict(conflict.code, conflict.message),
  };
}

export const lifecycles = {
  refund: withStatusChanges(refundLifecycle, refunds, refunds.id, refunds.status, {
    code: 'REFUND_STATE_CONFLICT',
    message: '售后状态已变化，请刷新后重试',
  }),
  group: withStatusChanges(groupLifecycle, groups, groups.id, groups.status, {
    code: 'GROUP_STATE_CONFLICT',
    message: '拼团状态已变化，请刷新后重试',
  }),
  groupSeat: withStatusChanges(groupSeatLifecycle, groupMembers, groupMembers.id, groupMembers.status, {
    code: 'GROUP_SEAT_STATE_CONFLICT',
    message: '参团状态已变化，请刷新后重试',
  }),
  userCoupon: withStatusChanges(userCouponLifecycle, userCoupons, userCoupons.id, userCoupons.status, {
    code: 'COUPON_STATE_CONFLICT',
    message: '优惠券状态已变化，请刷新后重试',
  }),
  couponTemplate: withStatusChanges(couponTemplateLifecycle, couponTemplates, couponTemplates.id, couponTemplates.status, {
    code: 'COUPON_TEMPLATE_STATE_CONFLICT',
    message: '优惠券模板状态已变化，请刷新后重试',
  }),
  payment: withStatusChanges(paymentLifecycle, payments, payments.id, payments.status, {
    code: 'PAYMENT_STATE_CONFLICT',
    message: '支付状态已变化，请刷新后重试',
  }),
  pickupCode: withStatusChanges(pickupCodeLifecycle, pickupCodes, pickupCodes.orderId, pickupCodes.status, {
    code: 'PICKUP_CODE_STATE_CONFLICT',
    message: '取货码状态已变化，请刷新后重试',
  }),
  afterSale: withStatusChanges(afterSaleLifecycle, afterSales, afterSales.id, afterSales.status, {
    code: 'AFTER_SALE_STATE_CONFLICT',
    message: '售后状态已变化，请刷新后重试',
  }),
};

export type LifecycleName = keyof typeof lifecycles;
