/**
 * Consistency checks run after every scenario, straight on MariaDB: no oversell, one order per
 * idempotency key, stock equal to the sum of its ledger, flash sales and groups within their
 * limits. Any finding fails the bench.
 */
import { sql } from 'drizzle-orm';
import type { Db } from '@shop/db';

type Check = { name: string; query: string };

const CHECKS: Check[] = [
  {
    name: 'stock never below zero, reserved within on hand',
    query: 'SELECT sku_id, store_id, on_hand, reserved FROM inventory WHERE on_hand < 0 OR reserved < 0 OR reserved > on_hand LIMIT 5',
  },
  {
    name: 'stock equals the sum of its ledger',
    query: `SELECT i.sku_id, i.store_id, i.on_hand, i.reserved, l.on_hand_sum, l.reserved_sum
      FROM inventory i
      LEFT JOIN (SELECT sku_id, store_id, SUM(on_hand_delta) AS on_hand_sum, SUM(reserved_delta) AS reserved_sum
                 FROM inventory_ledger GROUP BY sku_id, store_id) l ON l.sku_id = i.sku_id AND l.store_id = i.store_id
      WHERE i.on_hand <> COALESCE(l.on_hand_sum, 0) OR i.reserved <> COALESCE(l.reserved_sum, 0) LIMIT 5`,
  },
  {
    name: 'one order per idempotency key',
    query: `SELECT member_id, idempotency_key, COUNT(*) AS n FROM orders WHERE idempotency_key IS NOT NULL
      GROUP BY member_id, idempotency_key HAVING COUNT(*) > 1 LIMIT 5`,
  },
  {
    name: 'flash sales: sold within allocation, one live order per unit sold',
    query: `SELECT f.id, f.allocated_stock, f.sold_count, COUNT(o.id) AS orders
      FROM flash_sales f LEFT JOIN orders o ON o.activity_type = 'flash' AND o.activity_id = f.id AND o.status <> 'cancelled'
      GROUP BY f.id, f.allocated_stock, f.sold_count
      HAVING f.sold_count > f.allocated_stock OR COUNT(o.id) <> f.sold_count LIMIT 5`,
  },
  {
    name: 'flash sales: per-user limit',
    query: `SELECT o.activity_id, o.member_id, COUNT(*) AS n FROM orders o JOIN flash_sales f ON f.id = o.activity_id
      WHERE o.activity_type = 'flash' AND o.status <> 'cancelled'
      GROUP BY o.activity_id, o.member_id, f.per_user_limit HAVING COUNT(*) > f.per_user_limit LIMIT 5`,
  },
  {
    name: 'groups: seats within group size',
    query: 'SELECT id, seats_taken, group_size FROM buy_groups WHERE seats_taken > group_size OR seats_taken < 0 LIMIT 5',
  },
];

export type CheckResult = { name: string; ok: boolean; sample?: unknown[] };

export async function checkConsistency(db: Db): Promise<CheckResult[]> {
  const results: CheckResult[] = [];
  for (const check of CHECKS) {
    const [rows] = (await db.execute(sql.raw(check.query))) as unknown as [unknown[]];
    results.push(rows.length === 0 ? { name: check.name, ok: true } : { name: check.name, ok: false, sample: rows });
  }
  return results;
}
