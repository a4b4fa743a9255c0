import fs from 'node:fs';
import path from 'node:path';
import { getTableConfig, type MySqlTable } from 'drizzle-orm/mysql-core';
import * as schema from '@shop/db';
import { lifecycles as shared } from '../../src/lifecycle/tables';
import { orderStatusTable } from '../../src/modules/order';
import { findStatusWrites, sourceFiles, type StatusWrite, type Target } from './status-writes';

/**
 * No status column of a lifecycle is written anywhere but the executor (bff/src/lifecycle/):
 * every move goes through its table (domain/*-state.ts), a guarded UPDATE and a history row.
 * One entry per lifecycle: the shared registry (lifecycle/tables.ts) plus orders, which the order
 * module binds itself (their history is order_events).
 */
const lifecycles = { ...shared, order: orderStatusTable };
type LifecycleName = keyof typeof lifecycles;

const SRC = path.resolve(__dirname, '../../src');
const files = sourceFiles(SRC, (relative) => relative.startsWith('lifecycle/'));

function targetOf(name: LifecycleName): Target {
  const table = lifecycles[name].table as MySqlTable;
  const ident = Object.entries(schema).find(([, value]) => value === table)?.[0];
  if (!ident) throw new Error(`${name}: its table is not exported from @shop/db`);
  return { ident, sqlName: getTableConfig(table).name };
}

function writesOutsideExecutor(name: LifecycleName): string[] {
  const target = targetOf(name);
  return files
    .flatMap((file) => findStatusWrites(path.relative(SRC, file), fs.readFileSync(file, 'utf8'), target))
    .map((w: StatusWrite) => `bff/src/${w.file}:${w.line}  ${w.text}`);
}

const names = Object.keys(lifecycles) as LifecycleName[];

describe('status columns are written only through the lifecycle executor', () => {
  it.each(names)('%s: no write of its status column outside bff/src/lifecycle/', (name) => {
    expect(writesOutsideExecutor(name)).toEqual([]);
  });
});

describe('the status-write scanner', () => {
  const target: Target = { ident: 'refunds', sqlName: 'refunds' };
  const scan = (source: string) => findStatusWrites('x.ts', source, target).map((w) => w.line);

  it('finds drizzle updates that set status, in any shape', () => {
    expect(scan("await tx.update(refunds).set({ status: 'failed' }).where(eq(refunds.id, 1));")).toEqual([1]);
    expect(scan("await db\n  .update(refunds)\n  .set({\n    attempts: 0,\n    status: 'approved',\n  })\n  .where(x);")).toEqual([2]);
    expect(scan('await tx.update(refunds).set(flag ? { status: to } : { attempts: 1 });')).toEqual([1]);
    expect(scan('await tx.update(refunds).set({ status, attempts });')).toEqual([1]);
    expect(scan("await tx.insert(refunds).values(row).onDuplicateKeyUpdate({ set: { status: 'approved' } });")).toEqual([1]);
  });

  it('finds raw SQL updates of the status column', () => {
    expect(scan("await tx.execute(sql`UPDATE refunds SET status = 'failed' WHERE id = ${id}`);")).toEqual([1]);
    expect(scan('await tx.execute(sql`UPDATE ${refunds} SET ${refunds.attempts} = 0, ${refunds.status} = ${to}`);')).toEqual([1]);
    expect(scan("pool.query('update `refunds` set last_error = null, status = ? where id = ?')")).toEqual([1]);
  });

  it('leaves alone reads, other columns, other tables, inserts and comments', () => {
    expect(scan("await tx.update(refunds).set({ attempts: 1 }).where(eq(refunds.status, 'processing'));")).toEqual([]);
    expect(scan("await tx.update(payments).set({ status: 'paid' });")).toEqual([]);
    expect(scan("await tx.insert(refunds).values({ status: 'requested' });")).toEqual([]);
    expect(scan("// await tx.update(refunds).set({ status: 'failed' });\n/* UPDATE refunds SET status = 1 */")).toEqual([]);
    expect(scan("await tx.update(refunds).set({ wechatStatus: 'SUCCESS' });")).toEqual([]);
  });
});
