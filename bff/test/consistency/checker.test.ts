import { spawn } from 'node:child_process';
import path from 'node:path';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { groupCampaigns, inventory, members, orderLines, orders, pointsLedger, userCoupons, type Tx } from '@shop/db';
import request from 'supertest';
import { checkConsistency, formatReport, INVARIANTS, type ConsistencyReport, type Invariant } from '../../src/consistency';
import { startHarness, newKey, eventually, type Harness } from '../refund/harness';

/**
 * The consistency checker (docs/consistency.md) on a real BFF, sandbox and MariaDB: clean on the
 * demo seed and after real orders, payments, a refund, a handover and a till sale; and each
 * invariant, corrupted once inside a transaction that is rolled back afterwards, is reported
 * alone with the offending ids.
 */

const ROOT = path.resolve(__dirname, '../../..');

class Rollback extends Error {}

let h: Harness;
let storeId: number;
let customer: { auth: Record<string, string>; memberId: number };
/** Orders made through the BFF, and coupons of the customer. */
const made = {} as {
  withCoupon: typeof orders.$inferSelect; // preparing, its coupon used
  refunded: typeof orders.$inferSelect; // preparing, one of two units refunded
  completed: typeof orders.$inferSelect; // handed over, points and spend credited
  unpaid: typeof orders.$inferSelect; // pending_payment, its coupon locked
  tillSale: typeof orders.$inferSelect; // a till sale to the customer
  usedCouponId: number;
  lockedCouponId: number;
  availableCouponId: number;
};

beforeAll(async () => {
  h = await startHarness('consistency');
  storeId = await h.storeOf('demo-manager-1');
  customer = await h.signIn('demo-customer-1');
}, 60_000);

afterAll(async () => {
  await h?.close();
});

const invariantsOf = (report: ConsistencyReport) => [...new Set(report.violations.map((v) => v.invariant))].sort();

/** Corrupts the data inside a transaction, checks inside it (it sees the corruption), then rolls back. */
async function checkPlanted(plant: (tx: Tx) => Promise<void>): Promise<ConsistencyReport> {
  let report: ConsistencyReport | undefined;
  await h.deps.db
    .transaction(async (tx) => {
      await plant(tx);
      report = await checkConsistency(tx, h.clock.now());
      throw new Rollback();
    })
    .catch((err: unknown) => {
      if (!(err instanceof Rollback)) throw err;
    });
  return report!;
}

/** Asserts the planted corruption is reported under exactly this invariant, with these ids among the violations. */
async function expectOnly(invariant: Invariant, plant: (tx: Tx) => Promise<void>, ids: Record<string, number | string>) {
  const report = await checkPlanted(plant);
  expect(invariantsOf(report)).toEqual([invariant]);
  expect(report.ok).toBe(false);
  expect(report.violations).toEqual(expect.arrayContaining([expect.objectContaining({ invariant, ids: expect.objectContaining(ids) })]));
  expect(formatReport(report)).toContain(invariant);
  return report;
}

async function expectClean(): Promise<void> {
  const report = await checkConsistency(h.deps.db, h.clock.now());
  if (!report.ok) throw new Error(formatReport(report));
  expect(report.checked).toEqual([...INVARIANTS]);
}

const exec = (tx: Tx, statement: ReturnType<typeof sql>) => tx.execute(statement);

describe('consistency checker', () => {
  it('is clean on the freshly seeded demo data', async () => {
    await expectClean();
  });

  it('is clean after real operations through the BFF (pay with coupon, partial refund, handover, unpaid order, till sale)', async () => {
    const [a, b, c, d, e] = await h.stockedSkus(storeId, 5);
    made.usedCouponId = await h.giveCoupon(customer.memberId);
    made.withCoupon = await h.paidOrder(customer.auth, storeId, [{ skuId: a, qty: 1 }], made.usedCouponId);

    made.refunded = await h.paidOrder(customer.auth, storeId, [{ skuId: b, qty: 2 }]);
    const [line] = await h.deps.db.select().from(orderLines).where(eq(orderLines.orderId, made.refunded.id));
    const asked = await h.askRefund(customer.auth, made.refunded.id, { reason: '少要一件', lines: [{ orderLineId: line.id, qty: 1 }] });
    expect(asked.status).toBe(201);
    await eventually(async () => expect((await h.refundRow(asked.body.id)).status).toBe('succeeded'));

    made.completed = await h.paidOrder(customer.auth, storeId, [{ skuId: c, qty: 1 }]);
    await h.complete(made.completed.id);

    made.lockedCouponId = await h.giveCoupon(customer.memberId);
    const unpaid = await request(h.base)
      .post('/api/orders')
      .set(customer.auth)
      .set('Idempotency-Key', newKey('order'))
      .send({ items: [{ skuId: d, qty: 1 }], fulfillment: { type: 'pickup', storeId }, couponId: made.lockedCouponId });
    expect(unpaid.status).toBe(201);
    made.unpaid = await h.orderRow(unpaid.body.order.id);
    made.availableCouponId = await h.giveCoupon(customer.memberId);

    const clerk = await h.signIn('demo-clerk-1');
    h.clock.advance(1_000);
    const code = (await request(h.base).get('/api/me/member-code').set(customer.auth)).body.code as string;
    const sale = await request(h.base)
      .post('/api/staff/sales')
      .set(clerk.auth)
      .set('Idempotency-Key', newKey('sale'))
      .send({ memberCode: code, items: [{ skuId: e, qty: 1 }], payMethod: 'offline_cash' });
    expect(sale.status).toBe(201);
    [made.tillSale] = await h.deps.db.select().from(orders).where(eq(orders.channel, 'offline'));

    expect((await h.orderRow(made.withCoupon.id)).status).toBe('preparing');
    expect((await h.deps.db.select().from(userCoupons).where(eq(userCoupons.id, made.usedCouponId)))[0].status).toBe('used');
    expect((await h.deps.db.select().from(userCoupons).where(eq(userCoupons.id, made.lockedCouponId)))[0].status).toBe('locked');
    expect((await h.orderRow(made.completed.id)).status).toBe('completed');
    await expectClean();
  }, 120_000);

  describe('finds each planted violation, and only that one', () => {
    it('stock.ledger_sum: on hand moved without a ledger row', async () => {
      const [row] = await h.deps.db.select().from(inventory).where(eq(inventory.storeId, storeId)).limit(1);
      const report = await expectOnly(
        'stock.ledger_sum',
        async (tx) => {
          await tx
            .update(inventory)
            .set({ onHand: sql`${inventory.onHand} + 3` })
            .where(and(eq(inventory.skuId, row.skuId), eq(inventory.storeId, storeId)));
        },
        { skuId: row.skuId, storeId },
      );
      expect(report.violations[0].detail).toContain(`on_hand ${row.onHand + 3}`);
    });

    it('stock.bounds: more reserved than on hand (past the CHECK constraint), ledger agreeing', async () => {
      const [row] = await h.deps.db
        .select()
        .from(inventory)
        .where(and(eq(inventory.storeId, storeId), eq(inventory.reserved, 0)))
        .limit(1);
      await expectOnly(
        'stock.bounds',
        async (tx) => {
          await exec(tx, sql`SET SESSION check_constraint_checks = 0`);
          try {
            await exec(tx, sql`UPDATE inventory SET reserved = on_hand + 1 WHERE sku_id = ${row.skuId} AND store_id = ${storeId}`);
            await exec(
              tx,
              sql`INSERT INTO inventory_ledger (sku_id, store_id, kind, on_hand_delta, reserved_delta, reference, actor_type)
                  VALUES (${row.skuId}, ${storeId}, 'adjust', 0, ${row.onHand + 1}, 'planted-bounds', 'system')`,
            );
          } finally {
            await exec(tx, sql`SET SESSION check_constraint_checks = 1`);
          }
        },
        { skuId: row.skuId, storeId },
      );
    });

    it('stock.settled_once: a commit with no reservation behind it (ledger sums kept)', async () => {
      const [row] = await h.deps.db.select().from(inventory).where(eq(inventory.storeId, storeId)).limit(1);
      await expectOnly(
        'stock.settled_once',
        async (tx) => {
          // The commit's −1/−1 is cancelled out by an adjustment, so only the settlement rule breaks.
          await exec(
            tx,
            sql`INSERT INTO inventory_ledger (sku_id, store_id, kind, on_hand_delta, reserved_delta, reference, actor_type) VALUES
                (${row.skuId}, ${storeId}, 'commit', -1, -1, 'planted-commit', 'system'),
                (${row.skuId}, ${storeId}, 'adjust', 1, 1, 'planted-commit', 'system')`,
          );
        },
        { reference: 'planted-commit', skuId: row.skuId, storeId },
      );
    });

    it('stock.settled_once: a reservation both committed and released (the order check sees it too)', async () => {
      const [line] = await h.deps.db.select().from(orderLines).where(eq(orderLines.orderId, made.completed.id));
      const report = await checkPlanted(async (tx) => {
        await exec(
          tx,
          sql`INSERT INTO inventory_ledger (sku_id, store_id, kind, on_hand_delta, reserved_delta, reference, actor_type) VALUES
              (${line.skuId}, ${storeId}, 'release', 0, ${-line.qty}, ${made.completed.orderNo}, 'system'),
              (${line.skuId}, ${storeId}, 'adjust', 0, ${line.qty}, 'planted-release', 'system')`,
        );
      });
      expect(invariantsOf(report)).toEqual(['stock.orders_match_ledger', 'stock.settled_once']);
      expect(report.violations).toContainEqual(
        expect.objectContaining({
          invariant: 'stock.settled_once',
          ids: { reference: made.completed.orderNo, skuId: line.skuId, storeId },
        }),
      );
    });

    it('stock.orders_match_ledger: an order line that is not what its reservation holds', async () => {
      const [line] = await h.deps.db.select().from(orderLines).where(eq(orderLines.orderId, made.withCoupon.id));
      await expectOnly(
        'stock.orders_match_ledger',
        async (tx) => {
          await tx
            .update(orderLines)
            .set({ qty: sql`${orderLines.qty} + 1` })
            .where(eq(orderLines.id, line.id));
        },
        { orderId: made.withCoupon.id, skuId: line.skuId },
      );
    });

    it('flash.sold_within_allocation: sold beyond the allocation', async () => {
      const [sale] = (await h.deps.db.execute(sql`SELECT id FROM flash_sales ORDER BY id LIMIT 1`)) as unknown as [{ id: number }[]];
      await expectOnly(
        'flash.sold_within_allocation',
        async (tx) => {
          await exec(tx, sql`UPDATE flash_sales SET sold_count = allocated_stock + 1 WHERE id = ${sale[0].id}`);
        },
        { flashSaleId: sale[0].id },
      );
    });

    it('group.campaign_stock: campaign stock taken by no seat', async () => {
      const [campaign] = await h.deps.db.select().from(groupCampaigns).limit(1);
      await expectOnly(
        'group.campaign_stock',
        async (tx) => {
          await tx
            .update(groupCampaigns)
            .set({ usedStock: sql`${groupCampaigns.usedStock} + 1` })
            .where(eq(groupCampaigns.id, campaign.id));
        },
        { campaignId: campaign.id },
      );
    });

    it('payment.paid_order_settled: the settled amount differs from what the order was paid', async () => {
      await expectOnly(
        'payment.paid_order_settled',
        async (tx) => {
          await exec(tx, sql`UPDATE payments SET amount_fen = amount_fen + 1 WHERE order_id = ${made.completed.id}`);
        },
        { orderId: made.completed.id },
      );
    });

    it('payment.settled_without_paid_order: a payment settled for an order still unpaid', async () => {
      const report = await expectOnly(
        'payment.settled_without_paid_order',
        async (tx) => {
          await exec(tx, sql`UPDATE payments SET status = 'paid' WHERE order_id = ${made.unpaid.id}`);
        },
        { orderId: made.unpaid.id },
      );
      expect(report.violations[0].detail).toContain('pending_payment');
    });

    it('refund.order_within_paid: refunded_fen that no succeeded refund explains', async () => {
      await expectOnly(
        'refund.order_within_paid',
        async (tx) => {
          await tx
            .update(orders)
            .set({ refundedFen: sql`${orders.refundedFen} + 1` })
            .where(eq(orders.id, made.refunded.id));
        },
        { orderId: made.refunded.id },
      );
    });

    it('refund.line_within_payable: a line refunded beyond its payable', async () => {
      const [line] = await h.deps.db.select().from(orderLines).where(eq(orderLines.orderId, made.refunded.id));
      await expectOnly(
        'refund.line_within_payable',
        async (tx) => {
          await tx
            .update(orderLines)
            .set({ refundedFen: sql`${orderLines.payableFen} + 1` })
            .where(eq(orderLines.id, line.id));
        },
        { orderId: made.refunded.id, orderLineId: line.id },
      );
    });

    it('group.seats_within_size: more seats than the group has', async () => {
      const [campaign] = await h.deps.db.select().from(groupCampaigns).limit(1);
      let groupId = 0;
      await expectOnly(
        'group.seats_within_size',
        async (tx) => {
          const [result] = (await exec(
            tx,
            sql`INSERT INTO buy_groups (campaign_id, leader_member_id, status, group_size, seats_taken, paid_count)
                VALUES (${campaign.id}, ${customer.memberId}, 'open', 2, 3, 0)`,
          )) as unknown as [{ insertId: number }];
          groupId = result.insertId;
        },
        { groupId: expect.any(Number) as unknown as number },
      );
      expect(groupId).toBeGreaterThan(0);
    });

    it('group.failed_refunded: a paid order of a group that failed an hour ago, with no refund', async () => {
      const [campaign] = await h.deps.db.select().from(groupCampaigns).limit(1);
      const failedAt = new Date(h.clock.now().getTime() - 3600_000);
      const [line] = await h.deps.db.select().from(orderLines).where(eq(orderLines.orderId, made.completed.id));
      const plant = (refund?: { status: string; amountFen: number }) => async (tx: Tx) => {
        const [result] = (await exec(
          tx,
          sql`INSERT INTO buy_groups (campaign_id, leader_member_id, status, group_size, seats_taken, paid_count, failed_at)
              VALUES (${campaign.id}, ${customer.memberId}, 'failed', 2, 1, 1, ${failedAt})`,
        )) as unknown as [{ insertId: number }];
        await tx.update(orders).set({ groupId: result.insertId }).where(eq(orders.id, made.completed.id));
        if (refund) {
          const [inserted] = (await exec(
            tx,
            sql`INSERT INTO refunds (order_id, out_refund_no, request_key, amount_fen, reason, source, status)
                VALUES (${made.completed.id}, 'RF-planted-01', 'group_failed', ${refund.amountFen}, '拼团未成功', 'group_failed', ${refund.status})`,
          )) as unknown as [{ insertId: number }];
          await exec(
            tx,
            sql`INSERT INTO refund_lines (refund_id, order_line_id, qty, amount_fen) VALUES (${inserted.insertId}, ${line.id}, ${line.qty}, ${refund.amountFen})`,
          );
        }
      };
      await expectOnly('group.failed_refunded', plant(), { orderId: made.completed.id });
      // A failed refund is owed money that only a human can move: still reported.
      await expectOnly('group.failed_refunded', plant({ status: 'failed', amountFen: line.payableFen }), { orderId: made.completed.id });
      // A full refund on its way counts: the refund job finishes it.
      const inProgress = await checkPlanted(plant({ status: 'approved', amountFen: line.payableFen }));
      expect(inProgress.violations).toEqual([]);
    });

    it('coupon.single_use: the history shows a coupon used a second time', async () => {
      await expectOnly(
        'coupon.single_use',
        async (tx) => {
          await exec(
            tx,
            sql`INSERT INTO status_changes (entity, entity_id, from_status, to_status, event, actor_type, at)
                VALUES ('user_coupon', ${made.usedCouponId}, 'locked', 'used', 'use', 'wechat', ${h.clock.now()})`,
          );
        },
        { couponId: made.usedCouponId },
      );
    });

    it('coupon.locked_order: a coupon locked to an order that is paid and does not hold it', async () => {
      await expectOnly(
        'coupon.locked_order',
        async (tx) => {
          await tx
            .update(userCoupons)
            .set({ status: 'locked', lockedOrderId: made.refunded.id })
            .where(eq(userCoupons.id, made.availableCouponId));
        },
        { couponId: made.availableCouponId, orderId: made.refunded.id },
      );
    });

    it('coupon.used_order: a coupon used online recorded as redeemed offline', async () => {
      await expectOnly(
        'coupon.used_order',
        async (tx) => {
          await tx.update(userCoupons).set({ usedChannel: 'offline' }).where(eq(userCoupons.id, made.usedCouponId));
        },
        { couponId: made.usedCouponId },
      );
    });

    it('coupon.order_points_back: an order holding a coupon that knows nothing of it', async () => {
      await expectOnly(
        'coupon.order_points_back',
        async (tx) => {
          await tx.update(orders).set({ userCouponId: made.availableCouponId }).where(eq(orders.id, made.refunded.id));
        },
        { orderId: made.refunded.id, couponId: made.availableCouponId },
      );
    });

    it('points.ledger_sum: a balance the ledger does not explain', async () => {
      await expectOnly(
        'points.ledger_sum',
        async (tx) => {
          await tx
            .update(members)
            .set({ pointsBalance: sql`${members.pointsBalance} + 5` })
            .where(eq(members.id, customer.memberId));
        },
        { memberId: customer.memberId },
      );
    });

    it('points.balance_chain: a ledger row whose balance_after breaks the running sum', async () => {
      const [row] = await h.deps.db.select().from(pointsLedger).where(eq(pointsLedger.memberId, customer.memberId)).limit(1);
      await expectOnly(
        'points.balance_chain',
        async (tx) => {
          await tx
            .update(pointsLedger)
            .set({ balanceAfter: sql`${pointsLedger.balanceAfter} + 1` })
            .where(eq(pointsLedger.id, row.id));
        },
        { memberId: customer.memberId, ledgerId: row.id },
      );
    });

    it('points.completion_credit: points (and spend, consistently) credited for an order never handed over', async () => {
      const order = await h.orderRow(made.refunded.id);
      const [member] = await h.deps.db.select().from(members).where(eq(members.id, customer.memberId));
      await expectOnly(
        'points.completion_credit',
        async (tx) => {
          await tx.insert(pointsLedger).values({
            memberId: customer.memberId,
            delta: 10,
            balanceAfter: member.pointsBalance + 10,
            reason: 'order_completed',
            reference: order.orderNo,
          });
          await tx
            .update(members)
            .set({ pointsBalance: member.pointsBalance + 10, totalSpentFen: member.totalSpentFen + order.paidFen - order.refundedFen })
            .where(eq(members.id, customer.memberId));
        },
        { orderId: order.id, memberId: customer.memberId },
      );
    });

    it('tier.spend: spend credited twice for one order', async () => {
      const report = await expectOnly(
        'tier.spend',
        async (tx) => {
          await tx
            .update(members)
            .set({ totalSpentFen: sql`${members.totalSpentFen} + ${made.completed.paidFen}` })
            .where(eq(members.id, customer.memberId));
        },
        { memberId: customer.memberId },
      );
      expect(report.violations[0].detail).toContain('expected total_spent_fen');
    });

    it('order.idempotency_key: two orders under one key (through the unique index’s NULL-member gap)', async () => {
      const key = newKey('dup');
      await expectOnly(
        'order.idempotency_key',
        async (tx) => {
          for (const no of ['SOPLANTED0001', 'SOPLANTED0002']) {
            await exec(
              tx,
              sql`INSERT INTO orders (order_no, member_id, store_id, channel, fulfillment, status, idempotency_key, items_total_fen, payable_fen)
                  VALUES (${no}, NULL, ${storeId}, 'online', 'pickup', 'cancelled', ${key}, 100, 100)`,
            );
          }
        },
        { idempotencyKey: key },
      );
    });

    it('outbox.overdue: a message pending an hour past its due time; a fresh one is not reported', async () => {
      const now = h.clock.now();
      const row = (dedupe: string, at: Date) =>
        sql`INSERT INTO outbox (topic, dedupe_key, payload, status, next_attempt_at) VALUES ('pickup.ready', ${dedupe}, '{}', 'pending', ${at})`;
      const report = await expectOnly(
        'outbox.overdue',
        async (tx) => {
          await exec(tx, row('planted:stuck', new Date(now.getTime() - 3600_000)));
          await exec(tx, row('planted:fresh', new Date(now.getTime() - 60_000)));
        },
        {},
      );
      expect(report.violations).toHaveLength(1);
      expect(report.violations[0].detail).toContain('planted:stuck');
    });

    it('outbox.unknown_topic: a row of a topic the registry does not know', async () => {
      await expectOnly(
        'outbox.unknown_topic',
        async (tx) => {
          await exec(
            tx,
            sql`INSERT INTO outbox (topic, dedupe_key, payload, status, next_attempt_at) VALUES ('no.such.topic', 'planted:unknown', '{}', 'done', ${h.clock.now()})`,
          );
        },
        { topic: 'no.such.topic' },
      );
    });

    it('left nothing behind: clean again after every planted corruption was rolled back', async () => {
      await expectClean();
    });

    it('runs only the invariants asked for, and lists every offending row up to the limit', async () => {
      const report = await checkPlanted(async (tx) => {
        await tx
          .update(members)
          .set({ pointsBalance: sql`${members.pointsBalance} + 1` })
          .where(inArray(members.openid, ['demo-customer-2', 'demo-customer-3']));
      });
      expect(report.violations.filter((v) => v.invariant === 'points.ledger_sum')).toHaveLength(2);
      const only = await checkConsistency(h.deps.db, h.clock.now(), { only: ['tier.spend', 'outbox.overdue'] });
      expect(only).toEqual({ ok: true, violations: [], checked: ['tier.spend', 'outbox.overdue'], truncated: [] });
    });
  });

  describe('npm run check:consistency', () => {
    const run = (env: Record<string, string>) =>
      new Promise<{ code: number | null; out: string }>((resolve) => {
        const child = spawn(
          path.join(ROOT, 'node_modules', '.bin', 'tsx'),
          ['--conditions=shop-source', 'scripts/src/check-consistency.ts'],
          {
            cwd: ROOT,
            env: { ...process.env, ...env },
          },
        );
        let out = '';
        child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
        child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
        child.on('exit', (code) => resolve({ code, out }));
      });

    it('exits 0 on a clean database and 1 with a readable report on a violation', async () => {
      const url = h.deps.database.url;
      const clean = await run({ DATABASE_URL: url });
      expect(clean.out).toContain('consistent');
      expect(clean.code).toBe(0);

      await h.deps.db
        .update(members)
        .set({ pointsBalance: sql`${members.pointsBalance} + 7` })
        .where(eq(members.id, customer.memberId));
      try {
        const broken = await run({ DATABASE_URL: url });
        expect(broken.code).toBe(1);
        expect(broken.out).toContain('points.ledger_sum');
        expect(broken.out).toContain(`memberId=${customer.memberId}`);
      } finally {
        await h.deps.db
          .update(members)
          .set({ pointsBalance: sql`${members.pointsBalance} - 7` })
          .where(eq(members.id, customer.memberId));
      }
    }, 60_000);

    it('exits 2 when it cannot reach the database', async () => {
      const result = await run({ DATABASE_URL: 'mysql://root@127.0.0.1:1/nowhere' });
      expect(result.code).toBe(2);
      expect(result.out).toContain('could not run');
    }, 60_000);
  });
});
