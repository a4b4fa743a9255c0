import { sql, type SQL } from 'drizzle-orm';
import { OUTBOX_TOPICS } from '../modules/outbox';

/**
 * The invariants, one named check each (docs/consistency.md states every rule and why it is the
 * rule the code keeps). Each check is one or two read-only aggregate queries that return only the
 * offending rows, already compared in SQL, so a clean database answers with empty results. The
 * predicates are written as "ok" expressions wrapped in `NOT IFNULL(…, FALSE)`, so a NULL (a
 * missing row on the other side of a LEFT JOIN) counts as a violation instead of silently passing.
 */

export const INVARIANTS = [
  'stock.ledger_sum',
  'stock.bounds',
  'stock.settled_once',
  'stock.orders_match_ledger',
  'flash.sold_within_allocation',
  'group.campaign_stock',
  'payment.paid_order_settled',
  'payment.settled_without_paid_order',
  'refund.order_within_paid',
  'refund.line_within_payable',
  'group.seats_within_size',
  'group.failed_refunded',
  'coupon.single_use',
  'coupon.locked_order',
  'coupon.used_order',
  'coupon.order_points_back',
  'points.ledger_sum',
  'points.balance_chain',
  'points.completion_credit',
  'tier.spend',
  'order.idempotency_key',
  'outbox.overdue',
  'outbox.unknown_topic',
] as const;
export type Invariant = (typeof INVARIANTS)[number];

export type Row = Record<string, unknown>;

export type CheckContext = {
  now: Date;
  /** A pending outbox row whose next attempt is older than this is stuck (the relay runs every 15 s, its lease is 2 min). */
  outboxOverdueMinutes: number;
  /** A failed group's refunds are requested right after the failure commits (the sweeper repairs a crash within a minute). */
  failedGroupGraceMinutes: number;
  /** Rows reported per query at most. */
  limit: number;
};

export type Query = {
  sql: (ctx: CheckContext) => SQL;
  /** The offending ids of one row, e.g. { orderId: 12 }. */
  ids: (row: Row) => Record<string, number | string>;
  /** Expected vs found, in words. */
  detail: (row: Row) => string;
};

export type Check = { invariant: Invariant; rule: string; queries: Query[] };

const n = (value: unknown): number => Number(value ?? 0);
const s = (value: unknown): string => (value === null || value === undefined ? '∅' : String(value));
const minutesBefore = (now: Date, minutes: number) => new Date(now.getTime() - minutes * 60_000);

/** Order statuses an order can only reach by being paid. */
const PAID_STATUSES = `'paid','awaiting_group','preparing','ready_for_pickup','completed','refunded'`;
/** Statuses in which a pickup order still holds its reservation (released or committed only after). */
const HOLDING_STATUSES = `'pending_payment','paid','awaiting_group','preparing','ready_for_pickup'`;
/** Refunds that hold part of the order's money (refund module's holdsMoney): not rejected, not closed by WeChat. */
const HOLDS_MONEY = `(r.status IN ('requested','approved','processing','succeeded') OR (r.status = 'failed' AND (r.wechat_status IS NULL OR r.wechat_status <> 'CLOSED')))`;
/** Refunds still on their way or done: what "fully refunded or in progress" counts (a failed refund needs a human). */
const REFUNDING = `('requested','approved','processing','succeeded')`;

export const CHECKS: Check[] = [
  {
    invariant: 'stock.ledger_sum',
    rule: 'for every (SKU, store): on_hand = Σ on_hand_delta and reserved = Σ reserved_delta of its ledger (a ledger without a stock row counts as 0/0)',
    queries: [
      {
        sql: ({ limit }) => sql`
          SELECT k.sku_id AS skuId, k.store_id AS storeId,
                 COALESCE(i.on_hand, 0) AS onHand, COALESCE(i.reserved, 0) AS reserved,
                 COALESCE(l.on_hand_sum, 0) AS ledgerOnHand, COALESCE(l.reserved_sum, 0) AS ledgerReserved
          FROM (SELECT sku_id, store_id FROM inventory UNION SELECT DISTINCT sku_id, store_id FROM inventory_ledger) k
          LEFT JOIN inventory i ON i.sku_id = k.sku_id AND i.store_id = k.store_id
          LEFT JOIN (SELECT sku_id, store_id, SUM(on_hand_delta) AS on_hand_sum, SUM(reserved_delta) AS reserved_sum
                     FROM inventory_ledger GROUP BY sku_id, store_id) l ON l.sku_id = k.sku_id AND l.store_id = k.store_id
          WHERE COALESCE(i.on_hand, 0) <> COALESCE(l.on_hand_sum, 0) OR COALESCE(i.reserved, 0) <> COALESCE(l.reserved_sum, 0)
          ORDER BY skuId, storeId LIMIT ${limit}`,
        ids: (r) => ({ skuId: n(r.skuId), storeId: n(r.storeId) }),
        detail: (r) =>
          `stock on_hand ${n(r.onHand)} / reserved ${n(r.reserved)}, ledger sums to on_hand ${n(r.ledgerOnHand)} / reserved ${n(r.ledgerReserved)}`,
      },
    ],
  },
  {
    invariant: 'stock.bounds',
    rule: 'on_hand ≥ 0, reserved ≥ 0 and on_hand ≥ reserved (safety stock may be sold at the till, so it is no bound)',
    queries: [
      {
        sql: ({ limit }) => sql`
          SELECT sku_id AS skuId, store_id AS storeId, on_hand AS onHand, reserved
          FROM inventory WHERE on_hand < 0 OR reserved < 0 OR reserved > on_hand
          ORDER BY skuId, storeId LIMIT ${limit}`,
        ids: (r) => ({ skuId: n(r.skuId), storeId: n(r.storeId) }),
        detail: (r) => `expected 0 ≤ reserved ≤ on_hand, found on_hand ${n(r.onHand)}, reserved ${n(r.reserved)}`,
      },
    ],
  },
  {
    invariant: 'stock.settled_once',
    rule:
      'per (reference, SKU, store): one reserve of q > 0 units, then at most one of release (reserved −q) or ' +
      'commit (on_hand −q, reserved −q); never both, never a release or commit without its reserve',
    // The ledger's unique key (kind, reference, sku, store) allows one row per kind, so each
    // reserve looks its release and commit up by that key, and each release or commit its reserve.
    queries: [
      {
        sql: ({ limit }) => sql`
          SELECT rv.reference, rv.sku_id AS skuId, rv.store_id AS storeId, rv.reserved_delta AS held, rv.on_hand_delta AS heldOnHand,
                 rl.id IS NOT NULL AS released, rl.reserved_delta AS releasedReserved, rl.on_hand_delta AS releasedOnHand,
                 cm.id IS NOT NULL AS committed, cm.reserved_delta AS committedReserved, cm.on_hand_delta AS committedOnHand
          FROM inventory_ledger rv
          LEFT JOIN inventory_ledger rl
            ON rl.kind = 'release' AND rl.reference = rv.reference AND rl.sku_id = rv.sku_id AND rl.store_id = rv.store_id
          LEFT JOIN inventory_ledger cm
            ON cm.kind = 'commit' AND cm.reference = rv.reference AND cm.sku_id = rv.sku_id AND cm.store_id = rv.store_id
          WHERE rv.kind = 'reserve'
            AND NOT IFNULL(rv.reserved_delta > 0 AND rv.on_hand_delta = 0 AND NOT (rl.id IS NOT NULL AND cm.id IS NOT NULL)
                           AND (rl.id IS NULL OR (rl.reserved_delta = -rv.reserved_delta AND rl.on_hand_delta = 0))
                           AND (cm.id IS NULL OR (cm.reserved_delta = -rv.reserved_delta AND cm.on_hand_delta = -rv.reserved_delta)), FALSE)
          ORDER BY rv.id LIMIT ${limit}`,
        ids: (r) => ({ reference: s(r.reference), skuId: n(r.skuId), storeId: n(r.storeId) }),
        detail: (r) =>
          `reserve of ${n(r.held)} (on hand ${n(r.heldOnHand)}): expected q > 0 settled at most once by −q; found ` +
          `release ${n(r.released) ? `of ${n(r.releasedReserved)} reserved / ${n(r.releasedOnHand)} on hand` : 'none'}, ` +
          `commit ${n(r.committed) ? `of ${n(r.committedReserved)} reserved / ${n(r.committedOnHand)} on hand` : 'none'}`,
      },
      {
        sql: ({ limit }) => sql`
          SELECT x.reference, x.sku_id AS skuId, x.store_id AS storeId, x.kind, x.reserved_delta AS reservedDelta
          FROM inventory_ledger x
          LEFT JOIN inventory_ledger rv
            ON rv.kind = 'reserve' AND rv.reference = x.reference AND rv.sku_id = x.sku_id AND rv.store_id = x.store_id
          WHERE x.kind IN ('release', 'commit') AND rv.id IS NULL
          ORDER BY x.id LIMIT ${limit}`,
        ids: (r) => ({ reference: s(r.reference), skuId: n(r.skuId), storeId: n(r.storeId) }),
        detail: (r) => `${s(r.kind)} of ${n(r.reservedDelta)} reserved with no reserve under this reference`,
      },
    ],
  },
  {
    invariant: 'stock.orders_match_ledger',
    rule:
      'every order moved exactly its lines (Σ qty per SKU) at its store under its order number: a till sale one offline_sale; ' +
      'a pickup order a reserve that is open while pending_payment … ready_for_pickup, committed once completed, released or ' +
      'committed once refunded, and released (or never made) once cancelled; no reserve or offline_sale names anything but an order',
    // Each (order, SKU) looks its four possible movements up by the ledger's unique key.
    queries: [
      {
        sql: ({ limit }) => sql`
          SELECT w.orderId, w.orderNo, w.storeId, w.status, w.fulfillment, w.skuId, w.qty,
                 COALESCE(rv.reserved_delta, 0) AS held, rl.id IS NOT NULL AS released, cm.id IS NOT NULL AS committed,
                 COALESCE(-os.on_hand_delta, 0) AS soldOffline
          FROM (
            SELECT o.id AS orderId, o.order_no AS orderNo, o.store_id AS storeId, o.status, o.fulfillment, l.sku_id AS skuId, SUM(l.qty) AS qty
            FROM orders o JOIN order_lines l ON l.order_id = o.id
            GROUP BY o.id, o.order_no, o.store_id, o.status, o.fulfillment, l.sku_id
          ) w
          LEFT JOIN inventory_ledger rv ON rv.kind = 'reserve' AND rv.reference = w.orderNo AND rv.sku_id = w.skuId AND rv.store_id = w.storeId
          LEFT JOIN inventory_ledger rl ON rl.kind = 'release' AND rl.reference = w.orderNo AND rl.sku_id = w.skuId AND rl.store_id = w.storeId
          LEFT JOIN inventory_ledger cm ON cm.kind = 'commit' AND cm.reference = w.orderNo AND cm.sku_id = w.skuId AND cm.store_id = w.storeId
          LEFT JOIN inventory_ledger os
            ON os.kind = 'offline_sale' AND os.reference = w.orderNo AND os.sku_id = w.skuId AND os.store_id = w.storeId
          WHERE NOT IFNULL(CASE
            WHEN w.fulfillment = 'in_store' THEN -os.on_hand_delta = w.qty AND rv.id IS NULL
            WHEN os.id IS NOT NULL THEN FALSE
            WHEN w.status IN (${sql.raw(HOLDING_STATUSES)}) THEN rv.reserved_delta = w.qty AND rl.id IS NULL AND cm.id IS NULL
            WHEN w.status = 'completed' THEN rv.reserved_delta = w.qty AND cm.id IS NOT NULL AND rl.id IS NULL
            WHEN w.status = 'refunded' THEN rv.reserved_delta = w.qty AND (rl.id IS NULL) <> (cm.id IS NULL)
            WHEN w.status = 'cancelled' THEN rv.id IS NULL OR (rv.reserved_delta = w.qty AND rl.id IS NOT NULL AND cm.id IS NULL)
            ELSE FALSE END, FALSE)
          ORDER BY w.orderId, w.skuId LIMIT ${limit}`,
        ids: (r) => ({ orderId: n(r.orderId), skuId: n(r.skuId) }),
        detail: (r) =>
          `${s(r.fulfillment)} order ${s(r.orderNo)} (${s(r.status)}) has ${n(r.qty)} units at store ${n(r.storeId)}; ledger: ` +
          `reserved ${n(r.held)}, released ${n(r.released) ? 'yes' : 'no'}, committed ${n(r.committed) ? 'yes' : 'no'}, sold offline ${n(r.soldOffline)}`,
      },
      {
        sql: ({ limit }) => sql`
          SELECT g.reference, g.store_id AS storeId, g.sku_id AS skuId, g.kind, g.qty
          FROM (
            SELECT x.id, x.reference, x.store_id, x.sku_id, x.kind, ABS(x.reserved_delta + x.on_hand_delta) AS qty,
                   (SELECT COUNT(*) FROM order_lines l WHERE l.order_id = o.id AND l.sku_id = x.sku_id) AS lineCount
            FROM inventory_ledger x LEFT JOIN orders o ON o.order_no = x.reference AND o.store_id = x.store_id
            WHERE x.kind IN ('reserve', 'offline_sale')
          ) g
          WHERE g.lineCount = 0
          ORDER BY g.id LIMIT ${limit}`,
        ids: (r) => ({ reference: s(r.reference), skuId: n(r.skuId), storeId: n(r.storeId) }),
        detail: (r) => `${s(r.kind)} of ${n(r.qty)} units under ${s(r.reference)}, which names no order with this SKU at this store`,
      },
    ],
  },
  {
    invariant: 'flash.sold_within_allocation',
    rule:
      'per flash sale: 0 ≤ sold_count ≤ allocated_stock and sold_count = Σ line qty of its orders not cancelled (a refund does not ' +
      'give units back); per member those units ≤ per_user_limit',
    queries: [
      {
        sql: ({ limit }) => sql`
          SELECT f.id AS flashSaleId, f.allocated_stock AS allocated, f.sold_count AS sold, COALESCE(u.units, 0) AS units
          FROM flash_sales f
          LEFT JOIN (
            SELECT o.activity_id, SUM(l.qty) AS units FROM orders o JOIN order_lines l ON l.order_id = o.id
            WHERE o.activity_type = 'flash' AND o.status <> 'cancelled' GROUP BY o.activity_id
          ) u ON u.activity_id = f.id
          WHERE f.sold_count < 0 OR f.sold_count > f.allocated_stock OR f.sold_count <> COALESCE(u.units, 0)
          ORDER BY f.id LIMIT ${limit}`,
        ids: (r) => ({ flashSaleId: n(r.flashSaleId) }),
        detail: (r) => `expected sold_count = ${n(r.units)} units in live orders and ≤ ${n(r.allocated)} allocated, found ${n(r.sold)}`,
      },
      {
        sql: ({ limit }) => sql`
          SELECT f.id AS flashSaleId, o.member_id AS memberId, f.per_user_limit AS perUserLimit, SUM(l.qty) AS units
          FROM flash_sales f JOIN orders o ON o.activity_type = 'flash' AND o.activity_id = f.id AND o.status <> 'cancelled'
          JOIN order_lines l ON l.order_id = o.id
          GROUP BY f.id, o.member_id, f.per_user_limit HAVING SUM(l.qty) > f.per_user_limit
          ORDER BY f.id, memberId LIMIT ${limit}`,
        ids: (r) => ({ flashSaleId: n(r.flashSaleId), memberId: n(r.memberId) }),
        detail: (r) => `member bought ${n(r.units)} units, the limit is ${n(r.perUserLimit)}`,
      },
    ],
  },
  {
    invariant: 'group.campaign_stock',
    rule:
      'per group campaign: 0 ≤ used_stock ≤ allocated_stock and used_stock = Σ qty of held and paid seats in groups that did ' +
      'not fail (a failure gives every seat back, an unpaid cancel its own)',
    queries: [
      {
        sql: ({ limit }) => sql`
          SELECT c.id AS campaignId, c.allocated_stock AS allocated, c.used_stock AS used, COALESCE(u.units, 0) AS units
          FROM group_campaigns c
          LEFT JOIN (
            SELECT g.campaign_id, SUM(m.qty) AS units FROM buy_groups g JOIN group_members m ON m.group_id = g.id
            WHERE g.status <> 'failed' AND m.status IN ('held', 'paid') GROUP BY g.campaign_id
          ) u ON u.campaign_id = c.id
          WHERE c.used_stock < 0 OR c.used_stock > c.allocated_stock OR c.used_stock <> COALESCE(u.units, 0)
          ORDER BY c.id LIMIT ${limit}`,
        ids: (r) => ({ campaignId: n(r.campaignId) }),
        detail: (r) => `expected used_stock = ${n(r.units)} seat units and ≤ ${n(r.allocated)} allocated, found ${n(r.used)}`,
      },
    ],
  },
  {
    invariant: 'payment.paid_order_settled',
    rule:
      'every paid order (paid_at set, or a status only payment reaches) has exactly one payment in status paid, whose amount = ' +
      'orders.paid_fen = payable_fen (WeChat must match our amount to settle); a pending_payment order has no paid_at',
    queries: [
      {
        sql: ({ limit }) => sql`
          SELECT o.id AS orderId, o.order_no AS orderNo, o.status, o.paid_fen AS paidFen, o.payable_fen AS payableFen,
                 o.paid_at IS NOT NULL AS hasPaidAt, COALESCE(p.settled, 0) AS settled, p.minAmount, p.maxAmount
          FROM orders o
          LEFT JOIN (
            SELECT order_id, COUNT(*) AS settled, MIN(amount_fen) AS minAmount, MAX(amount_fen) AS maxAmount
            FROM payments WHERE status = 'paid' GROUP BY order_id
          ) p ON p.order_id = o.id
          WHERE (o.paid_at IS NOT NULL OR o.status IN (${sql.raw(PAID_STATUSES)}))
            AND NOT IFNULL(o.status <> 'pending_payment' AND o.paid_at IS NOT NULL AND p.settled = 1
                           AND p.minAmount = o.paid_fen AND o.paid_fen = o.payable_fen, FALSE)
          ORDER BY o.id LIMIT ${limit}`,
        ids: (r) => ({ orderId: n(r.orderId) }),
        detail: (r) =>
          `order ${s(r.orderNo)} (${s(r.status)}${n(r.hasPaidAt) ? ', paid_at set' : ', no paid_at'}) paid_fen ${n(r.paidFen)}, payable ${n(r.payableFen)}: ` +
          `expected 1 settled payment of ${n(r.paidFen)}, found ${n(r.settled)}` +
          (n(r.settled) > 0 ? ` (amount ${n(r.minAmount)}${n(r.minAmount) !== n(r.maxAmount) ? `–${n(r.maxAmount)}` : ''})` : ''),
      },
    ],
  },
  {
    invariant: 'payment.settled_without_paid_order',
    rule: 'every payment in status paid belongs to an order with paid_at set, under that order’s number (out_trade_no = order_no)',
    queries: [
      {
        sql: ({ limit }) => sql`
          SELECT p.id AS paymentId, p.order_id AS orderId, p.out_trade_no AS outTradeNo, p.amount_fen AS amountFen,
                 o.order_no AS orderNo, o.status
          FROM payments p LEFT JOIN orders o ON o.id = p.order_id
          WHERE p.status = 'paid' AND NOT IFNULL(o.paid_at IS NOT NULL AND p.out_trade_no = o.order_no, FALSE)
          ORDER BY p.id LIMIT ${limit}`,
        ids: (r) => ({ paymentId: n(r.paymentId), orderId: n(r.orderId) }),
        detail: (r) =>
          r.orderNo === null
            ? `settled payment ${s(r.outTradeNo)} of ${n(r.amountFen)} has no order`
            : `settled payment ${s(r.outTradeNo)} of ${n(r.amountFen)}, but order ${s(r.orderNo)} is ${s(r.status)} and not paid`,
      },
    ],
  },
  {
    invariant: 'refund.order_within_paid',
    rule:
      'per order: refunded_fen = Σ succeeded refunds ≤ paid_fen; Σ refunds holding money (all but rejected and WeChat-closed) ≤ ' +
      'paid_fen; a refunded order has refunded_fen = paid_fen',
    queries: [
      {
        sql: ({ limit }) => sql`
          SELECT o.id AS orderId, o.order_no AS orderNo, o.status, o.paid_fen AS paidFen, o.refunded_fen AS refundedFen,
                 COALESCE(x.succeeded, 0) AS succeeded, COALESCE(x.holding, 0) AS holding
          FROM orders o
          LEFT JOIN (
            SELECT r.order_id, SUM(IF(r.status = 'succeeded', r.amount_fen, 0)) AS succeeded,
                   SUM(IF(${sql.raw(HOLDS_MONEY)}, r.amount_fen, 0)) AS holding
            FROM refunds r GROUP BY r.order_id
          ) x ON x.order_id = o.id
          WHERE (o.refunded_fen <> 0 OR o.status = 'refunded' OR x.order_id IS NOT NULL)
            AND (o.refunded_fen <> COALESCE(x.succeeded, 0) OR o.refunded_fen > o.paid_fen OR COALESCE(x.holding, 0) > o.paid_fen
                 OR (o.status = 'refunded' AND o.refunded_fen <> o.paid_fen))
          ORDER BY o.id LIMIT ${limit}`,
        ids: (r) => ({ orderId: n(r.orderId) }),
        detail: (r) =>
          `order ${s(r.orderNo)} (${s(r.status)}) paid ${n(r.paidFen)}: refunded_fen ${n(r.refundedFen)}, succeeded refunds ${n(r.succeeded)}, ` +
          `refunds holding money ${n(r.holding)}`,
      },
    ],
  },
  {
    invariant: 'refund.line_within_payable',
    rule:
      'per order line: refunded_qty/refunded_fen = Σ of its succeeded refund lines, ≤ qty/payable_fen, and the refund lines holding ' +
      'money stay within qty/payable_fen; per refund: amount = Σ its lines, all lines of the refund’s own order',
    queries: [
      {
        sql: ({ limit }) => sql`
          SELECT l.id AS lineId, l.order_id AS orderId, l.qty, l.payable_fen AS payableFen, l.refunded_qty AS refundedQty,
                 l.refunded_fen AS refundedFen, COALESCE(x.sq, 0) AS succeededQty, COALESCE(x.sf, 0) AS succeededFen,
                 COALESCE(x.hq, 0) AS holdingQty, COALESCE(x.hf, 0) AS holdingFen
          FROM order_lines l
          LEFT JOIN (
            SELECT rl.order_line_id, SUM(IF(r.status = 'succeeded', rl.qty, 0)) AS sq, SUM(IF(r.status = 'succeeded', rl.amount_fen, 0)) AS sf,
                   SUM(IF(${sql.raw(HOLDS_MONEY)}, rl.qty, 0)) AS hq, SUM(IF(${sql.raw(HOLDS_MONEY)}, rl.amount_fen, 0)) AS hf
            FROM refund_lines rl JOIN refunds r ON r.id = rl.refund_id GROUP BY rl.order_line_id
          ) x ON x.order_line_id = l.id
          WHERE (l.refunded_qty <> 0 OR l.refunded_fen <> 0 OR x.order_line_id IS NOT NULL)
            AND (l.refunded_qty > l.qty OR l.refunded_fen > l.payable_fen OR l.refunded_qty <> COALESCE(x.sq, 0)
                 OR l.refunded_fen <> COALESCE(x.sf, 0) OR COALESCE(x.hq, 0) > l.qty OR COALESCE(x.hf, 0) > l.payable_fen)
          ORDER BY l.id LIMIT ${limit}`,
        ids: (r) => ({ orderId: n(r.orderId), orderLineId: n(r.lineId) }),
        detail: (r) =>
          `line of ${n(r.qty)} units / ${n(r.payableFen)} fen: refunded ${n(r.refundedQty)} units / ${n(r.refundedFen)} fen, ` +
          `succeeded refund lines ${n(r.succeededQty)} / ${n(r.succeededFen)}, holding money ${n(r.holdingQty)} / ${n(r.holdingFen)}`,
      },
      {
        sql: ({ limit }) => sql`
          SELECT r.id AS refundId, r.order_id AS orderId, r.out_refund_no AS outRefundNo, r.amount_fen AS amountFen,
                 COALESCE(SUM(rl.amount_fen), 0) AS linesFen, COALESCE(SUM(rl.id IS NOT NULL AND (ol.id IS NULL OR ol.order_id <> r.order_id)), 0) AS foreignLines
          FROM refunds r
          LEFT JOIN refund_lines rl ON rl.refund_id = r.id
          LEFT JOIN order_lines ol ON ol.id = rl.order_line_id
          GROUP BY r.id, r.order_id, r.out_refund_no, r.amount_fen
          HAVING linesFen <> r.amount_fen OR foreignLines > 0
          ORDER BY r.id LIMIT ${limit}`,
        ids: (r) => ({ orderId: n(r.orderId), refundId: n(r.refundId) }),
        detail: (r) =>
          `refund ${s(r.outRefundNo)} of ${n(r.amountFen)}: its lines sum to ${n(r.linesFen)}` +
          (n(r.foreignLines) > 0 ? `, ${n(r.foreignLines)} line(s) of another order` : ''),
      },
    ],
  },
  {
    invariant: 'group.seats_within_size',
    rule:
      'per group: 0 ≤ seats_taken ≤ group_size, paid_count ≤ group_size, held + paid seats ≤ group_size, seats ever paid ' +
      '(paid_at set) ≤ group_size, and a succeeded group has paid_count = group_size',
    queries: [
      {
        sql: ({ limit }) => sql`
          SELECT g.id AS groupId, g.status, g.group_size AS groupSize, g.seats_taken AS seatsTaken, g.paid_count AS paidCount,
                 COALESCE(m.taken, 0) AS taken, COALESCE(m.paid, 0) AS paid
          FROM buy_groups g
          LEFT JOIN (
            SELECT group_id, SUM(status IN ('held', 'paid')) AS taken, SUM(paid_at IS NOT NULL) AS paid FROM group_members GROUP BY group_id
          ) m ON m.group_id = g.id
          WHERE g.seats_taken < 0 OR g.seats_taken > g.group_size OR g.paid_count > g.group_size
             OR COALESCE(m.taken, 0) > g.group_size OR COALESCE(m.paid, 0) > g.group_size
             OR (g.status = 'succeeded' AND g.paid_count <> g.group_size)
          ORDER BY g.id LIMIT ${limit}`,
        ids: (r) => ({ groupId: n(r.groupId) }),
        detail: (r) =>
          `${s(r.status)} group of ${n(r.groupSize)}: seats_taken ${n(r.seatsTaken)}, paid_count ${n(r.paidCount)}, ` +
          `held+paid seats ${n(r.taken)}, paid seats ${n(r.paid)}`,
      },
    ],
  },
  {
    invariant: 'group.failed_refunded',
    rule:
      'every paid order of a group failed more than the grace ago is fully refunded or on its way: Σ refunds requested, ' +
      'approved, processing or succeeded = paid_fen (a failed refund is owed money waiting for staff, so it is reported)',
    queries: [
      {
        sql: ({ now, failedGroupGraceMinutes, limit }) => sql`
          SELECT g.id AS groupId, o.id AS orderId, o.order_no AS orderNo, o.status, o.paid_fen AS paidFen, COALESCE(r.refunding, 0) AS refunding
          FROM buy_groups g
          JOIN orders o ON o.group_id = g.id
          LEFT JOIN (SELECT order_id, SUM(amount_fen) AS refunding FROM refunds WHERE status IN ${sql.raw(REFUNDING)} GROUP BY order_id) r
            ON r.order_id = o.id
          WHERE g.status = 'failed' AND g.failed_at <= ${minutesBefore(now, failedGroupGraceMinutes)}
            AND o.paid_at IS NOT NULL AND COALESCE(r.refunding, 0) <> o.paid_fen
          ORDER BY g.id, o.id LIMIT ${limit}`,
        ids: (r) => ({ groupId: n(r.groupId), orderId: n(r.orderId) }),
        detail: (r) => `order ${s(r.orderNo)} (${s(r.status)}) paid ${n(r.paidFen)}, refunded or refunding ${n(r.refunding)}`,
      },
    ],
  },
  {
    invariant: 'coupon.single_use',
    rule:
      'per user coupon, from its history (status_changes): uses (use, redeem) − returns is 0 or 1, and 1 exactly when it is used; ' +
      'at most one order not cancelled or refunded holds it',
    queries: [
      {
        sql: ({ limit }) => sql`
          SELECT c.id AS couponId, c.status, COALESCE(h.uses, 0) AS uses, COALESCE(h.returns, 0) AS returns, COALESCE(o.holders, 0) AS holders
          FROM user_coupons c
          LEFT JOIN (
            SELECT entity_id, SUM(event IN ('use', 'redeem')) AS uses, SUM(event = 'return') AS returns
            FROM status_changes WHERE entity = 'user_coupon' GROUP BY entity_id
          ) h ON h.entity_id = c.id
          LEFT JOIN (
            SELECT user_coupon_id, COUNT(*) AS holders FROM orders
            WHERE user_coupon_id IS NOT NULL AND status NOT IN ('cancelled', 'refunded') GROUP BY user_coupon_id
          ) o ON o.user_coupon_id = c.id
          WHERE COALESCE(h.uses, 0) - COALESCE(h.returns, 0) NOT IN (0, 1)
             OR (COALESCE(h.uses, 0) - COALESCE(h.returns, 0) = 1) <> (c.status = 'used')
             OR COALESCE(o.holders, 0) > 1
          ORDER BY c.id LIMIT ${limit}`,
        ids: (r) => ({ couponId: n(r.couponId) }),
        detail: (r) =>
          `${s(r.status)} coupon: history has ${n(r.uses)} use(s) and ${n(r.returns)} return(s); ${n(r.holders)} live order(s) hold it`,
      },
    ],
  },
  {
    invariant: 'coupon.locked_order',
    rule: 'a locked coupon’s locked_order_id is a pending_payment order of the same member whose user_coupon_id is this coupon',
    queries: [
      {
        sql: ({ limit }) => sql`
          SELECT c.id AS couponId, c.locked_order_id AS lockedOrderId, o.status, o.user_coupon_id AS orderCouponId
          FROM user_coupons c LEFT JOIN orders o ON o.id = c.locked_order_id
          WHERE c.status = 'locked'
            AND NOT IFNULL(o.status = 'pending_payment' AND o.user_coupon_id = c.id AND o.member_id = c.member_id AND c.used_order_id IS NULL, FALSE)
          ORDER BY c.id LIMIT ${limit}`,
        ids: (r) => ({ couponId: n(r.couponId), orderId: n(r.lockedOrderId) }),
        detail: (r) =>
          r.status === null
            ? `locked to order ${s(r.lockedOrderId)}, which does not exist`
            : `locked to order ${n(r.lockedOrderId)}, which is ${s(r.status)} and holds coupon ${s(r.orderCouponId)}`,
      },
    ],
  },
  {
    invariant: 'coupon.used_order',
    rule:
      'a used coupon has used_at; used online: used_order_id is a paid (not cancelled) online/live order of its member holding it; ' +
      'used offline: redeemed at a store, either alone (no order) or by a completed till sale holding it',
    queries: [
      {
        sql: ({ limit }) => sql`
          SELECT c.id AS couponId, c.used_channel AS usedChannel, c.used_order_id AS usedOrderId, o.channel, o.status,
                 o.paid_at IS NOT NULL AS orderPaid, o.user_coupon_id AS orderCouponId
          FROM user_coupons c LEFT JOIN orders o ON o.id = c.used_order_id
          WHERE c.status = 'used' AND NOT IFNULL(c.used_at IS NOT NULL AND CASE c.used_channel
            WHEN 'online' THEN o.channel IN ('online', 'live') AND o.paid_at IS NOT NULL AND o.status <> 'cancelled'
                               AND o.user_coupon_id = c.id AND o.member_id = c.member_id
            WHEN 'offline' THEN c.used_store_id IS NOT NULL
                               AND (c.used_order_id IS NULL OR (o.channel = 'offline' AND o.status = 'completed' AND o.user_coupon_id = c.id))
            ELSE FALSE END, FALSE)
          ORDER BY c.id LIMIT ${limit}`,
        ids: (r) => ({ couponId: n(r.couponId), orderId: s(r.usedOrderId) }),
        detail: (r) =>
          `used ${s(r.usedChannel)} by order ${s(r.usedOrderId)}: ` +
          (r.status === null
            ? 'no such order'
            : `a ${s(r.channel)} order, ${s(r.status)}, ${n(r.orderPaid) ? 'paid' : 'unpaid'}, holding coupon ${s(r.orderCouponId)}`),
      },
    ],
  },
  {
    invariant: 'coupon.order_points_back',
    rule:
      'an order holding a coupon (user_coupon_id) is pointed back at: unpaid → the coupon is locked to it; paid … completed ' +
      '(online or till) → the coupon is used by it; cancelled or refunded → the coupon is not locked to it (and a cancelled one does not use it)',
    queries: [
      {
        sql: ({ limit }) => sql`
          SELECT o.id AS orderId, o.order_no AS orderNo, o.status, o.user_coupon_id AS couponId, c.status AS couponStatus,
                 c.locked_order_id AS lockedOrderId, c.used_order_id AS usedOrderId
          FROM orders o LEFT JOIN user_coupons c ON c.id = o.user_coupon_id
          WHERE o.user_coupon_id IS NOT NULL AND NOT IFNULL(CASE
            WHEN c.id IS NULL THEN FALSE
            WHEN o.status = 'pending_payment' THEN c.status = 'locked' AND c.locked_order_id = o.id
            WHEN o.status IN ('paid', 'awaiting_group', 'preparing', 'ready_for_pickup', 'completed') THEN c.status = 'used' AND c.used_order_id = o.id
            ELSE NOT (c.status = 'locked' AND c.locked_order_id <=> o.id) AND NOT (o.status = 'cancelled' AND c.status = 'used' AND c.used_order_id <=> o.id)
            END, FALSE)
          ORDER BY o.id LIMIT ${limit}`,
        ids: (r) => ({ orderId: n(r.orderId), couponId: n(r.couponId) }),
        detail: (r) =>
          r.couponStatus === null
            ? `order ${s(r.orderNo)} (${s(r.status)}) holds coupon ${n(r.couponId)}, which does not exist`
            : `order ${s(r.orderNo)} (${s(r.status)}) holds a ${s(r.couponStatus)} coupon locked to ${s(r.lockedOrderId)}, used by ${s(r.usedOrderId)}`,
      },
    ],
  },
  {
    invariant: 'points.ledger_sum',
    rule: 'per member: points_balance = Σ points_ledger.delta, and it is never negative',
    queries: [
      {
        sql: ({ limit }) => sql`
          SELECT m.id AS memberId, m.points_balance AS balance, COALESCE(l.total, 0) AS ledger
          FROM members m LEFT JOIN (SELECT member_id, SUM(delta) AS total FROM points_ledger GROUP BY member_id) l ON l.member_id = m.id
          WHERE m.points_balance <> COALESCE(l.total, 0) OR m.points_balance < 0
          ORDER BY m.id LIMIT ${limit}`,
        ids: (r) => ({ memberId: n(r.memberId) }),
        detail: (r) => `expected points_balance = ledger sum ${n(r.ledger)} (≥ 0), found ${n(r.balance)}`,
      },
    ],
  },
  {
    invariant: 'points.balance_chain',
    rule: 'per member in id order (changes are serialised by the member row lock): each row’s balance_after = the running Σ delta, never negative',
    queries: [
      {
        sql: ({ limit }) => sql`
          SELECT id AS ledgerId, memberId, delta, balanceAfter, running FROM (
            SELECT id, member_id AS memberId, delta, balance_after AS balanceAfter,
                   SUM(delta) OVER (PARTITION BY member_id ORDER BY id ROWS UNBOUNDED PRECEDING) AS running
            FROM points_ledger
          ) x
          WHERE balanceAfter <> running OR balanceAfter < 0
          ORDER BY memberId, ledgerId LIMIT ${limit}`,
        ids: (r) => ({ memberId: n(r.memberId), ledgerId: n(r.ledgerId) }),
        detail: (r) => `delta ${n(r.delta)}: expected balance_after ${n(r.running)}, found ${n(r.balanceAfter)}`,
      },
    ],
  },
  {
    invariant: 'points.completion_credit',
    rule:
      'a member’s order that completed (its timeline reached completed: pickup handover or till sale) has exactly one ' +
      'order_completed points row, of floor(credited / 100) where paid − refunded ≤ credited ≤ paid (it is credited on what was ' +
      'paid minus what was refunded by then); no order_completed row names an order that did not complete',
    queries: [
      {
        sql: ({ limit }) => sql`
          SELECT o.id AS orderId, o.order_no AS orderNo, o.member_id AS memberId, o.status, o.paid_fen AS paidFen,
                 o.refunded_fen AS refundedFen, e.order_id IS NOT NULL AS completed, COUNT(p.id) AS credits, MIN(p.delta) AS delta
          FROM orders o
          LEFT JOIN (SELECT DISTINCT order_id FROM order_events WHERE to_status = 'completed') e ON e.order_id = o.id
          LEFT JOIN points_ledger p ON p.member_id = o.member_id AND p.reason = 'order_completed' AND p.reference = o.order_no
          WHERE o.member_id IS NOT NULL AND (e.order_id IS NOT NULL OR p.id IS NOT NULL)
          GROUP BY o.id, o.order_no, o.member_id, o.status, o.paid_fen, o.refunded_fen, e.order_id
          HAVING NOT IFNULL(completed AND credits = 1
                            AND delta BETWEEN FLOOR((o.paid_fen - o.refunded_fen) / 100) AND FLOOR(o.paid_fen / 100), FALSE)
          ORDER BY o.id LIMIT ${limit}`,
        ids: (r) => ({ orderId: n(r.orderId), memberId: n(r.memberId) }),
        detail: (r) =>
          `order ${s(r.orderNo)} (${s(r.status)}, ${n(r.completed) ? 'completed' : 'never completed'}) paid ${n(r.paidFen)}, refunded ` +
          `${n(r.refundedFen)}: expected ${n(r.completed) ? `one credit of ${Math.floor((n(r.paidFen) - n(r.refundedFen)) / 100)}–${Math.floor(n(r.paidFen) / 100)} points` : 'no credit'}, ` +
          `found ${n(r.credits)} credit(s)${n(r.credits) ? ` of ${n(r.delta)}` : ''}`,
      },
      {
        sql: ({ limit }) => sql`
          SELECT p.id AS ledgerId, p.member_id AS memberId, p.reference, p.delta
          FROM points_ledger p LEFT JOIN orders o ON o.order_no = p.reference AND o.member_id = p.member_id
          WHERE p.reason = 'order_completed' AND o.id IS NULL
          ORDER BY p.id LIMIT ${limit}`,
        ids: (r) => ({ memberId: n(r.memberId), ledgerId: n(r.ledgerId) }),
        detail: (r) => `order_completed credit of ${n(r.delta)} for ${s(r.reference)}, which is no order of this member`,
      },
    ],
  },
  {
    invariant: 'tier.spend',
    rule:
      'total_spent_fen = opening + Σ (paid_fen − refunded_fen) over the member’s orders credited at completion (an order_completed ' +
      'points row: pickup handover or till sale); the opening is 0, or for a seeded member between 100 × and 100 × + 99 its seed ' +
      'points (1 point per whole yuan); the tier is never below the one this spend reaches',
    queries: [
      {
        sql: ({ limit }) => sql`
          SELECT m.id AS memberId, m.total_spent_fen AS spent, m.tier_code AS tierCode, COALESCE(c.net, 0) AS net,
                 sp.pts AS seedPoints, t.rank AS tierRank,
                 (SELECT MAX(e.rank) FROM tiers e WHERE e.threshold_fen <= m.total_spent_fen) AS earnedRank
          FROM members m
          LEFT JOIN (
            SELECT o.member_id, SUM(o.paid_fen - o.refunded_fen) AS net
            FROM points_ledger p JOIN orders o ON o.order_no = p.reference AND o.member_id = p.member_id
            WHERE p.reason = 'order_completed' GROUP BY o.member_id
          ) c ON c.member_id = m.id
          LEFT JOIN (SELECT member_id, SUM(delta) AS pts FROM points_ledger WHERE reason = 'seed' GROUP BY member_id) sp ON sp.member_id = m.id
          LEFT JOIN tiers t ON t.code = m.tier_code
          WHERE m.total_spent_fen - COALESCE(c.net, 0) NOT BETWEEN 100 * COALESCE(sp.pts, 0) AND IF(sp.pts IS NULL, 0, 100 * sp.pts + 99)
             OR NOT IFNULL(t.rank >= (SELECT MAX(e.rank) FROM tiers e WHERE e.threshold_fen <= m.total_spent_fen), FALSE)
          ORDER BY m.id LIMIT ${limit}`,
        ids: (r) => ({ memberId: n(r.memberId) }),
        detail: (r) => {
          const seed = r.seedPoints === null ? 0 : n(r.seedPoints) * 100;
          const expected =
            r.seedPoints === null ? `${n(r.net)}` : `${n(r.net) + seed}–${n(r.net) + seed + 99} (opening ${seed}–${seed + 99})`;
          return (
            `expected total_spent_fen ${expected} from completed orders netting ${n(r.net)}, found ${n(r.spent)}; ` +
            `tier ${s(r.tierCode)} (rank ${s(r.tierRank)}), spend earns rank ${s(r.earnedRank)}`
          );
        },
      },
    ],
  },
  {
    invariant: 'order.idempotency_key',
    rule: 'one order per (member, Idempotency-Key), the key checkout looks a retry up by (the unique index lets NULL members through)',
    queries: [
      {
        sql: ({ limit }) => sql`
          SELECT member_id AS memberId, idempotency_key AS idempotencyKey, COUNT(*) AS orders, GROUP_CONCAT(id ORDER BY id) AS orderIds
          FROM orders WHERE idempotency_key IS NOT NULL
          GROUP BY member_id, idempotency_key HAVING COUNT(*) > 1
          ORDER BY memberId, idempotencyKey LIMIT ${limit}`,
        ids: (r) => ({ memberId: s(r.memberId), idempotencyKey: s(r.idempotencyKey), orderIds: s(r.orderIds) }),
        detail: (r) => `expected 1 order for this key, found ${n(r.orders)} (orders ${s(r.orderIds)})`,
      },
    ],
  },
  {
    invariant: 'outbox.overdue',
    rule: 'no outbox row is still pending with its next attempt due longer ago than the overdue limit (the relay is not delivering it)',
    queries: [
      {
        sql: ({ now, outboxOverdueMinutes, limit }) => sql`
          SELECT id AS outboxId, topic, dedupe_key AS dedupeKey, attempts, next_attempt_at AS nextAttemptAt
          FROM outbox WHERE status = 'pending' AND next_attempt_at < ${minutesBefore(now, outboxOverdueMinutes)}
          ORDER BY next_attempt_at, id LIMIT ${limit}`,
        ids: (r) => ({ outboxId: n(r.outboxId) }),
        detail: (r) =>
          `${s(r.topic)} ${s(r.dedupeKey)} pending after ${n(r.attempts)} attempt(s), due since ${r.nextAttemptAt instanceof Date ? r.nextAttemptAt.toISOString() : s(r.nextAttemptAt)}`,
      },
    ],
  },
  {
    invariant: 'outbox.unknown_topic',
    rule: 'every outbox row’s topic is in the typed registry (modules/outbox/topics.ts)',
    queries: [
      {
        sql: ({ limit }) => sql`
          SELECT topic, COUNT(*) AS rows_, MIN(id) AS firstId, SUM(status = 'pending') AS pending
          FROM outbox WHERE topic NOT IN (${sql.join(
            Object.keys(OUTBOX_TOPICS).map((topic) => sql`${topic}`),
            sql`, `,
          )})
          GROUP BY topic ORDER BY topic LIMIT ${limit}`,
        ids: (r) => ({ topic: s(r.topic), firstOutboxId: n(r.firstId) }),
        detail: (r) => `${n(r.rows_)} row(s) (${n(r.pending)} pending) of a topic no producer or handler knows`,
      },
    ],
  },
];
