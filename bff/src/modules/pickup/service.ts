import { and, eq } from 'drizzle-orm';
import { enqueue } from '../outbox';
import { pickupDeadline } from './deadline';
import { customerSummary, creditCompletedOrder, type StaffIdentity } from '../member';
import { members, pickupCodes, stores, type Tx } from '@shop/db';
import type { AppDeps } from '../../deps';
import { AppError, errors } from '../../http/errors';
import { applyTransition, recordCreation, type Actor } from '../../lifecycle/apply';
import { lifecycles } from '../../lifecycle/tables';
import { READ_COMMITTED } from '../../transactions';
import { commit } from '../inventory';
import { applyOrderEvent, findOrder, linesOf, lockOrder, type OrderRow } from '../order';
import { assertStoreAccess, audit, storeFor } from '../staff';
import { assertNotLockedOut, countWrongCode } from './lockout';
import { codeHash, newPickupCode, openSealedCode, parseScanned, qrPayload, sealCode } from './code';
import { pickupOf } from './queue';

type Deps = Pick<AppDeps, 'db' | 'redis' | 'config' | 'now'>;
export type StaffActor = StaffIdentity & { memberId: number };

/** Retries when fresh digits collide with another open code of the store (1 in 10⁸ per open code). */
const CODE_ATTEMPTS = 5;

/**
 * 备货完成: the store has the order ready. It moves to ready_for_pickup, gets its pickup code,
 * and the customer is told (subscribe message through the outbox) — all in one transaction.
 */
export async function markReady(deps: Deps, staff: StaffActor, orderId: number, userAgent: string): Promise<OrderRow> {
  return deps.db.transaction(async (tx) => {
    const order = await lockStaffOrder(tx, staff, orderId);
    if (order.status !== 'preparing')
      throw errors.conflict('ORDER_NOT_PREPARING', order.status === 'ready_for_pickup' ? '该订单已备货完成' : '该订单当前不在备货中');
    const now = deps.now();
    await applyOrderEvent(tx, order, 'mark_ready', { type: 'staff', id: staff.staffId }, { reason: 'prepared', set: { readyAt: now } });
    await issueCode(tx, deps.config.pickup.codeSecret, order, { actor: { type: 'staff', id: staff.staffId }, at: now });
    const [store] = await tx.select({ name: stores.name }).from(stores).where(eq(stores.id, order.storeId)).limit(1);
    await enqueue(
      tx,
      'pickup.ready',
      {
        memberId: order.memberId!,
        orderId: order.id,
        orderNo: order.orderNo,
        storeName: store?.name ?? '',
        pickupDeadline: pickupDeadline(deps, now).toISOString(),
      },
      { dedupeKey: `pickup.ready:${order.id}`, at: now },
    );
    await audit(tx, staff, { action: 'order.ready', targetType: 'order', targetId: order.id, userAgent });
    return (await lockStaffOrder(tx, staff, orderId))!;
  }, READ_COMMITTED);
}

/** The order, locked, if this staff member may act on it. Another store's order is 403 and tells nothing more. */
async function lockStaffOrder(tx: Tx, staff: StaffActor, orderId: number): Promise<OrderRow> {
  const order = await lockOrder(tx, orderId);
  if (!order) throw errors.notFound('ORDER_NOT_FOUND', '订单不存在');
  assertStoreAccess(staff, order.storeId);
  return order;
}

async function issueCode(tx: Tx, secret: string, order: OrderRow, note: { actor: Actor; at: Date }): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    const code = newPickupCode();
    const hash = codeHash(secret, order.storeId, code);
    try {
      await tx.insert(pickupCodes).values({
        orderId: order.id,
        storeId: order.storeId,
        codeHash: hash,
        openCodeHash: hash,
        sealedCode: sealCode(secret, order.id, code),
      });
      await recordCreation(tx, lifecycles.pickupCode, { id: order.id, status: 'open' }, note);
      return;
    } catch (err) {
      // Unique among the store's open codes: a collision draws new digits.
      if (attempt >= CODE_ATTEMPTS || !isDuplicate(err)) throw err;
    }
  }
}

function isDuplicate(err: unknown): boolean {
  const cause = (err as { cause?: { code?: string } })?.cause ?? (err as { code?: string });
  return cause?.code === 'ER_DUP_ENTRY';
}

/** What the customer's order page shows once the order is ready: the code and its QR payload. */
export async function pickupCodeOf(
  deps: Pick<Deps, 'db' | 'config'>,
  order: OrderRow,
): Promise<{ code: string; qrPayload: string; deadline: string } | null> {
  if (order.status !== 'ready_for_pickup' || !order.readyAt) return null;
  const [row] = await deps.db
    .select()
    .from(pickupCodes)
    .where(and(eq(pickupCodes.orderId, order.id), eq(pickupCodes.status, 'open')))
    .limit(1);
  if (!row) return null;
  const code = openSealedCode(deps.config.pickup.codeSecret, order.id, row.sealedCode);
  return { code, qrPayload: qrPayload(code), deadline: pickupDeadline(deps, order.readyAt).toISOString() };
}

/** A wrong code counts towards the lockouts (lockout.ts) and answers 404. */
async function wrongCode(deps: Deps, staff: StaffActor, storeId: number, userAgent: string): Promise<AppError> {
  await countWrongCode(deps, staff, storeId, userAgent);
  return errors.notFound('PICKUP_CODE_INVALID', '取货码无效，请核对后重试');
}

/** Finds the store's open code; anything else counts as a wrong attempt. */
async function findOpenCode(deps: Deps, staff: StaffActor, storeId: number, input: string, userAgent: string) {
  await assertNotLockedOut(deps, staff, storeId);
  const code = parseScanned(input);
  const hash = code ? codeHash(deps.config.pickup.codeSecret, storeId, code) : null;
  const [row] = hash
    ? await deps.db
        .select()
        .from(pickupCodes)
        .where(and(eq(pickupCodes.storeId, storeId), eq(pickupCodes.openCodeHash, hash)))
        .limit(1)
    : [];
  if (!row) throw await wrongCode(deps, staff, storeId, userAgent);
  return row;
}

/** POST /api/staff/pickups/verify: the order behind a code at my store, to check before handing over. */
export async function verifyPickup(deps: Deps, staff: StaffActor, input: { code: string; storeId?: number }, userAgent: string) {
  const storeId = await storeFor(deps.db, staff, input.storeId);
  const row = await findOpenCode(deps, staff, storeId, input.code, userAgent);
  const order = (await findOrder(deps.db, row.orderId))!;
  await audit(deps.db, staff, { action: 'pickup.verify', targetType: 'order', targetId: order.id, userAgent });
  return handoverSummary(deps, order);
}

async function handoverSummary(deps: Pick<Deps, 'db'>, order: OrderRow) {
  const lines = await linesOf(deps.db, [order.id]);
  const [member] = order.memberId
    ? await deps.db
        .select({ nickname: members.nickname, phone: members.phone })
        .from(members)
        .where(eq(members.id, order.memberId))
        .limit(1)
    : [];
  return {
    orderId: order.id,
    orderNo: order.orderNo,
    status: order.status,
    paidFen: order.paidFen,
    readyAt: order.readyAt?.toISOString() ?? null,
    customer: customerSummary(member?.nickname, member?.phone),
    // The clerk holding a verified code may check the collector's whole number.
    pickup: pickupOf(order, { masked: false }),
    items: lines.map((l) => ({ title: l.title, specText: l.specText, qty: l.qty - l.refundedQty, imageUrl: l.imageUrl })),
  };
}

/**
 * POST /api/staff/pickups/:orderId/confirm with the code again: hands the goods over exactly once.
 * One transaction uses the code (guarded), commits the reserved stock, completes the order,
 * credits points and tier spend, and writes the audit row. A second confirm gets 409.
 */
export async function confirmPickup(deps: Deps, staff: StaffActor, orderId: number, input: { code: string }, userAgent: string) {
  return deps.db.transaction(async (tx) => {
    const order = await lockStaffOrder(tx, staff, orderId);
    if (order.status === 'completed') throw errors.conflict('PICKUP_ALREADY_DONE', '该订单已核销，请勿重复操作');
    if (order.status !== 'ready_for_pickup') throw errors.conflict('ORDER_NOT_READY', '该订单尚未备货完成，不能核销');
    const row = await findOpenCode(deps, staff, order.storeId, input.code, userAgent);
    if (row.orderId !== order.id) throw await wrongCode(deps, staff, order.storeId, userAgent);
    const now = deps.now();
    await applyTransition(tx, lifecycles.pickupCode, { id: order.id, status: row.status }, 'use', {
      actor: { type: 'staff', id: staff.staffId },
      at: now,
      set: { openCodeHash: null, verifiedByStaffId: staff.staffId, verifiedAt: now },
      conflict: () => errors.conflict('PICKUP_ALREADY_DONE', '该订单已核销，请勿重复操作'),
    });
    await commit(tx, { storeId: order.storeId, reference: order.orderNo, actor: { type: 'staff', id: staff.staffId }, at: now });
    await applyOrderEvent(tx, order, 'complete', { type: 'staff', id: staff.staffId }, { reason: 'picked_up', set: { completedAt: now } });
    const points = order.memberId
      ? await creditCompletedOrder(tx, { memberId: order.memberId, orderNo: order.orderNo, paidFen: order.paidFen - order.refundedFen })
      : null;
    await audit(tx, staff, {
      action: 'pickup.confirm',
      targetType: 'order',
      targetId: order.id,
      userAgent,
      detail: { orderNo: order.orderNo },
    });
    return { orderId: order.id, orderNo: order.orderNo, status: 'completed' as const, pointsEarned: points?.delta ?? 0 };
  }, READ_COMMITTED);
}
