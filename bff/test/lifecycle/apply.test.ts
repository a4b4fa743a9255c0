import { and, eq, sql } from 'drizzle-orm';
import { orderEvents, orders, pickupCodes, refunds, statusChanges } from '@shop/db';
import { createTestDatabase, type TestDatabase } from '@shop/db/testing';
import { AppError, errors } from '../../src/http/errors';
import { applyTransition, recordCreation, tryTransition } from '../../src/lifecycle/apply';
import { lifecycles } from '../../src/lifecycle/tables';
import { orderStatusTable } from '../../src/modules/order';

/*
 * The executor against the real MariaDB `npm test` starts: the guarded UPDATE, the history row in
 * the same transaction, and a lost race answered as a conflict, never a silent overwrite.
 */

let database: TestDatabase;
const at = new Date('2026-03-02T02:00:00.000Z');
const system = { type: 'system' } as const;
let nextNo = 1;

beforeAll(async () => {
  database = await createTestDatabase('lifecycle');
});

afterAll(async () => {
  await database?.drop();
});

async function newRefund(status: 'requested' | 'approved' | 'processing' = 'requested'): Promise<number> {
  const [inserted] = await database.db.insert(refunds).values({
    orderId: 1,
    outRefundNo: `R${nextNo++}`,
    requestKey: `test:${nextNo}`,
    amountFen: 100,
    reason: 'test',
    source: 'customer',
    status,
  });
  return inserted.insertId;
}

async function refund(id: number) {
  const [row] = await database.db.select().from(refunds).where(eq(refunds.id, id));
  return row;
}

async function historyOf(entity: string, id: number) {
  return database.db
    .select({ from: statusChanges.fromStatus, to: statusChanges.toStatus, event: statusChanges.event, actor: statusChanges.actorType })
    .from(statusChanges)
    .where(and(eq(statusChanges.entity, entity), eq(statusChanges.entityId, id)))
    .orderBy(statusChanges.id);
}

describe('applyTransition', () => {
  it('moves the row with one guarded UPDATE, writes the other columns and the history row', async () => {
    const id = await newRefund();
    const to = await database.db.transaction((tx) =>
      applyTransition(tx, lifecycles.refund, { id, status: 'requested' }, 'approve', {
        actor: { type: 'staff', id: 7 },
        at,
        set: { decidedByStaffId: 7, decisionNote: 'ok' },
      }),
    );
    expect(to).toBe('approved');
    expect(await refund(id)).toMatchObject({ status: 'approved', decidedByStaffId: 7, decisionNote: 'ok' });
    expect(await historyOf('refund', id)).toEqual([{ from: 'requested', to: 'approved', event: 'approve', actor: 'staff' }]);
  });

  it('refuses a move the table does not allow, writing nothing', async () => {
    const id = await newRefund('approved');
    const result = await database.db.transaction((tx) =>
      tryTransition(tx, lifecycles.refund, { id, status: 'approved' }, 'reject', { actor: system, at }),
    );
    expect(result).toEqual({ ok: false, reason: 'not_allowed', entity: 'refund', id, from: 'approved', event: 'reject' });
    expect((await refund(id)).status).toBe('approved');
    expect(await historyOf('refund', id)).toEqual([]);
  });

  it('treats a row that is no longer in `from` as a lost race: 409 by default, or the caller’s error', async () => {
    const id = await newRefund('approved');
    const stale = { id, status: 'requested' as const };
    await expect(
      database.db.transaction((tx) => applyTransition(tx, lifecycles.refund, stale, 'reject', { actor: system, at })),
    ).rejects.toMatchObject({
      kind: 'conflict',
      code: 'REFUND_STATE_CONFLICT',
    });
    const custom = database.db.transaction((tx) =>
      applyTransition(tx, lifecycles.refund, stale, 'reject', {
        actor: system,
        at,
        conflict: () => errors.conflict('REFUND_ALREADY_DECIDED', '已处理'),
      }),
    );
    await expect(custom).rejects.toBeInstanceOf(AppError);
    await expect(custom).rejects.toMatchObject({ code: 'REFUND_ALREADY_DECIDED' });
    expect((await refund(id)).status).toBe('approved');
    expect(await historyOf('refund', id)).toEqual([]);
  });

  it('ANDs extra guards to the key and status', async () => {
    const id = await newRefund('approved');
    const later = sql`${refunds.attempts} > 5`;
    const result = await database.db.transaction((tx) =>
      tryTransition(tx, lifecycles.refund, { id, status: 'approved' }, 'submit', { actor: system, at, where: later }),
    );
    expect(result).toMatchObject({ ok: false, reason: 'lost_race' });
    expect((await refund(id)).status).toBe('approved');
  });

  it('never lets `set` write the status itself', async () => {
    const id = await newRefund('approved');
    const sneaky = { status: 'succeeded', attempts: 3 } as { attempts: number };
    await database.db.transaction((tx) =>
      applyTransition(tx, lifecycles.refund, { id, status: 'approved' }, 'submit', { actor: system, at, set: sneaky }),
    );
    expect(await refund(id)).toMatchObject({ status: 'processing', attempts: 3 });
  });

  it('lets exactly one of two concurrent moves win', async () => {
    const id = await newRefund();
    const attempt = (event: 'approve' | 'reject') =>
      database.db.transaction((tx) => tryTransition(tx, lifecycles.refund, { id, status: 'requested' }, event, { actor: system, at }));
    const results = await Promise.all([attempt('approve'), attempt('reject'), attempt('approve')]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok).map((r) => !r.ok && r.reason)).toEqual(['lost_race', 'lost_race']);
    const winner = results.find((r) => r.ok)!;
    expect((await refund(id)).status).toBe(winner.ok && winner.to);
    expect(await historyOf('refund', id)).toHaveLength(1);
  });

  it('rolls the history back with the caller’s transaction', async () => {
    const id = await newRefund();
    await expect(
      database.db.transaction(async (tx) => {
        await applyTransition(tx, lifecycles.refund, { id, status: 'requested' }, 'approve', { actor: system, at });
        throw new Error('later step failed');
      }),
    ).rejects.toThrow('later step failed');
    expect((await refund(id)).status).toBe('requested');
    expect(await historyOf('refund', id)).toEqual([]);
  });

  it('allows a move back into the same status (WeChat ABNORMAL twice) and records each', async () => {
    const id = await newRefund('processing');
    for (let i = 0; i < 2; i++) {
      await database.db.transaction((tx) =>
        applyTransition(tx, lifecycles.refund, { id, status: 'processing' }, 'abnormal', {
          actor: { type: 'wechat' },
          at,
          set: { lastError: 'ABNORMAL' },
        }),
      );
    }
    expect(await historyOf('refund', id)).toEqual([
      { from: 'processing', to: 'processing', event: 'abnormal', actor: 'wechat' },
      { from: 'processing', to: 'processing', event: 'abnormal', actor: 'wechat' },
    ]);
  });

  it('keys pickup codes by their order id', async () => {
    await database.db.insert(pickupCodes).values({ orderId: 900, storeId: 1, codeHash: 'h', openCodeHash: 'h', sealedCode: 's' });
    await database.db.transaction((tx) =>
      applyTransition(tx, lifecycles.pickupCode, { id: 900, status: 'open' }, 'use', {
        actor: { type: 'staff', id: 3 },
        at,
        set: { openCodeHash: null },
      }),
    );
    const [code] = await database.db.select().from(pickupCodes).where(eq(pickupCodes.orderId, 900));
    expect(code).toMatchObject({ status: 'used', openCodeHash: null });
    expect(await historyOf('pickup_code', 900)).toEqual([{ from: 'open', to: 'used', event: 'use', actor: 'staff' }]);
  });

  it('writes an order’s move to its own timeline (order_events) with reason and detail', async () => {
    const [inserted] = await database.db.insert(orders).values({
      orderNo: `O${nextNo++}`,
      storeId: 1,
      channel: 'online',
      fulfillment: 'pickup',
      status: 'pending_payment',
      itemsTotalFen: 100,
      payableFen: 100,
    });
    const id = inserted.insertId;
    await database.db.transaction((tx) =>
      applyTransition(tx, orderStatusTable, { id, status: 'pending_payment' }, 'pay', {
        actor: { type: 'wechat' },
        set: { paidFen: 100 },
        reason: 'wechat_pay',
        detail: { n: 1 },
      }),
    );
    const events = await database.db.select().from(orderEvents).where(eq(orderEvents.orderId, id));
    expect(events).toMatchObject([
      { fromStatus: 'pending_payment', toStatus: 'paid', actorType: 'wechat', reason: 'wechat_pay', detail: { n: 1 } },
    ]);
    expect(await historyOf('order', id)).toEqual([]);
  });
});

describe('recordCreation', () => {
  it('records a row created in an initial status, from nothing', async () => {
    const id = await newRefund('approved');
    await database.db.transaction((tx) => recordCreation(tx, lifecycles.refund, { id, status: 'approved' }, { actor: system, at }));
    expect(await historyOf('refund', id)).toEqual([{ from: null, to: 'approved', event: 'created', actor: 'system' }]);
  });

  it('refuses a status a row cannot be created in', async () => {
    const id = await newRefund('processing');
    await expect(
      database.db.transaction((tx) => recordCreation(tx, lifecycles.refund, { id, status: 'processing' }, { actor: system, at })),
    ).rejects.toThrow('not an initial status');
  });
});
