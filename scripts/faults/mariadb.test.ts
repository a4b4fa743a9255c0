/**
 * Scenarios 3 and 5 (README "Reliability"): MariaDB is SIGKILLed under load and started again,
 * and a backup of the database that lived through it is restored into a fresh one.
 * - While it is down every request that needs it answers 503 {code, message} in Chinese, never 500
 *   and never a half-written order; once it is back the same BFF process answers again (its pool
 *   drops the dead connections) and a retry with the same Idempotency-Key finds its one order.
 * - Durable settings (innodb_flush_log_at_trx_commit=1, binary log synced per commit): every order
 *   the BFF confirmed with 201 before the kill is there after crash recovery.
 * - `npm run db:backup` / `npm run db:restore`: the dump restores into a new database that holds the
 *   same orders and passes the checker.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { count, eq, inArray } from 'drizzle-orm';
import { createDatabase, inventoryLedger, orderLines, orders, payments } from '@shop/db';
import { checkConsistency, formatReport } from '../../bff/src/consistency';
import { ROOT, TSX, TSX_SOURCE_FLAGS } from '../src/lib/paths';
import { startFaultStack, type FaultStack } from '../src/faults/stack';
import { assertConsistent, call, eventually, newKey, placeOrder, signIn, stockedSkus, type Answer } from '../src/faults/shop';

let stack: FaultStack;

beforeAll(async () => {
  stack = await startFaultStack('mariadb');
});

afterAll(async () => {
  await stack?.stop();
});

type Phase = 'before' | 'down' | 'restarting' | 'after';
type Shot = { kind: 'order' | 'list'; sent: Phase; answered: Phase; key?: string; buyer: number; answer: Answer; orderId?: number };

it('MariaDB killed under load: 503 while it is down, nothing half-written, every confirmed order kept, the same BFF serves again', async () => {
  const bffPid = stack.bff().pid;
  const { storeId, skuIds } = await stockedSkus(stack.db, 4, 500);
  // Sixty customers, fifteen per load worker, so no one of them meets the per-customer order limit.
  const buyers = await Promise.all(Array.from({ length: 60 }, (_, i) => signIn(stack, `fault-db-${i}`)));
  const shots: Shot[] = [];
  let phase: Phase = 'before';
  let running = true;
  const afterSuccesses = () => shots.filter((s) => s.answer.status === 201 && s.sent === 'after').length;

  // Four workers ordering and listing orders as fast as the BFF answers them.
  const load = [0, 1, 2, 3].map(async (worker) => {
    for (let n = 0; running; n++) {
      const buyer = worker * 15 + (n % 15);
      const { token } = buyers[buyer];
      const key = newKey(`db-${buyer}`);
      let sent = phase;
      const placed = await placeOrder(stack, token, { skuId: skuIds[worker], storeId }, key);
      shots.push({ kind: 'order', sent, answered: phase, key, buyer, answer: placed.answer, orderId: placed.orderId || undefined });
      sent = phase;
      const listed = await call(stack, 'GET', '/api/orders?status=all', { token });
      shots.push({ kind: 'list', sent, answered: phase, buyer, answer: listed });
      // A customer seeing an error waits a moment before trying again.
      await new Promise((resolve) => setTimeout(resolve, placed.status === 201 ? 20 : 150));
    }
  });

  await eventually(async () => expect(shots.filter((s) => s.answer.status === 201).length).toBeGreaterThanOrEqual(8));
  await stack.killMariadb();
  phase = 'down';
  await new Promise((resolve) => setTimeout(resolve, 2_000));
  phase = 'restarting';
  await stack.startMariadb();
  phase = 'after';
  try {
    await eventually(async () => expect(afterSuccesses()).toBeGreaterThanOrEqual(8), 30_000);
  } catch (err) {
    const tally = shots.map((s) => `${s.sent}:${s.kind}:${s.answer.status}:${String(s.answer.body.code ?? '')}`);
    throw new Error(`${String(err)}\n${[...new Set(tally)].map((t) => `${t} ×${tally.filter((x) => x === t).length}`).join('\n')}`);
  } finally {
    running = false;
    await Promise.all(load);
  }
  const whileDown = shots.filter((s) => s.sent === 'down' && s.answered === 'down');

  // Only success or a clean 503: no 500, and the BFF never stopped answering.
  const statuses = new Set(shots.map((s) => s.answer.status));
  expect([...statuses].filter((s) => ![200, 201, 503].includes(s))).toEqual([]);
  expect(whileDown.length).toBeGreaterThan(0);
  expect(whileDown.every((s) => s.answer.status === 503)).toBe(true);
  for (const shot of shots.filter((s) => s.answer.status === 503)) {
    expect(shot.answer.body).toMatchObject({ code: 'SERVICE_UNAVAILABLE', message: expect.stringMatching(/[\u4e00-\u9fff]/) });
  }
  expect(stack.bff().pid).toBe(bffPid);

  // The pool is not poisoned: a run of requests after the restart all succeed.
  for (let i = 0; i < 10; i++) expect((await call(stack, 'GET', '/api/orders?status=all', { token: buyers[0].token })).status).toBe(200);

  // Every order confirmed with 201 survived the crash, with its lines.
  const confirmed = shots.filter((s) => s.kind === 'order' && s.answer.status === 201).map((s) => s.orderId!);
  const kept = await stack.db.select({ id: orders.id }).from(orders).where(inArray(orders.id, confirmed));
  expect(kept).toHaveLength(confirmed.length);
  const lines = await stack.db.select({ orderId: orderLines.orderId }).from(orderLines).where(inArray(orderLines.orderId, confirmed));
  expect(new Set(lines.map((l) => l.orderId)).size).toBe(confirmed.length);

  // A refused order retried with its key: one order per key, whether or not the first try committed.
  const refused = shots.filter((s) => s.kind === 'order' && s.answer.status === 503);
  expect(refused.length).toBeGreaterThan(0);
  const oneEach = refused.filter((s, i) => refused.findIndex((t) => t.buyer === s.buyer) === i);
  for (const shot of oneEach.slice(0, 5)) {
    const retried = await placeOrder(stack, buyers[shot.buyer].token, { skuId: skuIds[Math.floor(shot.buyer / 15)], storeId }, shot.key);
    expect(retried.status).toBe(201);
    const [{ n }] = await stack.db.select({ n: count() }).from(orders).where(eq(orders.idempotencyKey, shot.key!));
    expect(n).toBe(1);
  }
  await assertConsistent(stack.db);
});

it('npm run db:backup dumps the shop with its orders; npm run db:restore loads it into a fresh database that passes the checker', async () => {
  const dir = path.join(stack.dataDir, 'backups');
  const env = { ...process.env, DATABASE_URL: stack.databaseUrl, BACKUP_DIR: dir };
  const backup = spawnSync(TSX, [...TSX_SOURCE_FLAGS, 'scripts/src/db-backup.ts', 'backup'], { cwd: ROOT, env, encoding: 'utf8' });
  if (backup.status !== 0) throw new Error(`db-backup.ts backup failed: ${backup.stderr}`);
  const [file] = fs.readdirSync(dir).filter((name) => name.endsWith('.sql.gz'));
  expect(file).toMatch(/^shop-\d{8}T\d{6}Z\.sql\.gz$/);
  // Where point-in-time recovery replays the binary log from (docs/operations.md).
  expect(zlib.gunzipSync(fs.readFileSync(path.join(dir, file))).toString('utf8', 0, 4_000)).toMatch(
    /-- CHANGE MASTER TO MASTER_LOG_FILE='binlog\.\d+', MASTER_LOG_POS=\d+;/,
  );

  const restoredUrl = `${stack.mariadb().url}/shop_restored`;
  const restore = spawnSync(TSX, [...TSX_SOURCE_FLAGS, 'scripts/src/db-backup.ts', 'restore', path.join(dir, file)], {
    cwd: ROOT,
    env: { ...env, DATABASE_URL: restoredUrl },
    encoding: 'utf8',
  });
  if (restore.status !== 0) throw new Error(`db-backup.ts restore failed: ${restore.stderr}`);
  // A second restore onto it is refused: it has tables now.
  const again = spawnSync(TSX, [...TSX_SOURCE_FLAGS, 'scripts/src/db-backup.ts', 'restore', path.join(dir, file)], {
    cwd: ROOT,
    env: { ...env, DATABASE_URL: restoredUrl },
    encoding: 'utf8',
  });
  expect(again.status).toBe(1);
  expect(again.stderr).toMatch(/already has tables/);

  const restored = createDatabase(restoredUrl, { connectionLimit: 2 });
  try {
    for (const table of [orders, orderLines, payments, inventoryLedger]) {
      const [[source], [copy]] = await Promise.all([
        stack.db.select({ n: count() }).from(table),
        restored.db.select({ n: count() }).from(table),
      ]);
      expect(copy.n).toBe(source.n);
    }
    const [{ n: orderCount }] = await restored.db.select({ n: count() }).from(orders);
    expect(orderCount).toBeGreaterThan(10);
    const report = await checkConsistency(restored.db, new Date());
    if (!report.ok) throw new Error(formatReport(report));
  } finally {
    await restored.close();
  }
});
