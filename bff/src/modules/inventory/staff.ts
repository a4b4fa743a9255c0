import type { Tx } from '@shop/db';
import type { AppDeps } from '../../deps';
import { salesWindow, DEFAULT_LOW_STOCK_RULE } from '../../domain/inventory';
import { AppError, errors } from '../../http/errors';
import { type StaffIdentity } from '../member';
import { audit, storeFor } from '../staff';
import { countStoreStock, listStoreStock, skuExists, storeExists } from './queries';
import { IdempotencyKeySchema } from './schema';
import { adjust, getStock, receive, toStockListItem, transfer, withInventoryTx, type Actor, type StockView } from './service';

/**
 * Stock for store staff: the list with the low-stock flag, and the manager's writes (receipt,
 * stocktake adjustment, transfer). Each write is one transaction with its audit row, and uses
 * the request's Idempotency-Key as the ledger reference, so a double-tap changes stock once.
 */

type Deps = Pick<AppDeps, 'db' | 'now'>;
type Staff = StaffIdentity & { memberId: number };
type Request = { idempotencyKey: string | undefined; userAgent: string };

export async function listStock(
  deps: Deps,
  staff: Staff,
  query: { storeId?: number; q?: string; lowOnly: boolean; page: number; pageSize: number },
) {
  const storeId = await storeFor(deps.db, staff, query.storeId);
  const rule = DEFAULT_LOW_STOCK_RULE;
  const filter = {
    storeId,
    q: query.q || undefined,
    lowOnly: query.lowOnly,
    window: salesWindow(deps.now(), rule),
    coverFactor: rule.coverFactor,
  };
  const [rows, total] = await Promise.all([
    listStoreStock(deps.db, filter, { limit: query.pageSize, offset: (query.page - 1) * query.pageSize }),
    countStoreStock(deps.db, filter),
  ]);
  return { items: rows.map((row) => toStockListItem(row, rule)), total };
}

export async function receiveStock(
  deps: Deps,
  staff: Staff,
  body: { storeId?: number; skuId: number; qty: number; note?: string },
  request: Request,
): Promise<{ applied: boolean; stock: StockView }> {
  const reference = staffReference(staff, request.idempotencyKey);
  return withInventoryTx(deps.db, async (tx) => {
    const storeId = await storeFor(tx, staff, body.storeId);
    await assertSku(tx, body.skuId);
    const { applied } = await receive(tx, {
      storeId,
      lines: [{ skuId: body.skuId, qty: body.qty }],
      note: body.note || undefined,
      reference,
      actor: actorOf(staff),
      at: deps.now(),
    });
    if (applied)
      await auditChange(tx, staff, 'inventory.receive', body.skuId, request, { storeId, qty: body.qty, note: body.note, reference });
    return { applied, stock: await stockOf(tx, storeId, body.skuId) };
  });
}

export async function adjustStock(
  deps: Deps,
  staff: Staff,
  body: { storeId?: number; skuId: number; delta: number; note: string },
  request: Request,
): Promise<{ applied: boolean; stock: StockView }> {
  const reference = staffReference(staff, request.idempotencyKey);
  return withInventoryTx(deps.db, async (tx) => {
    const storeId = await storeFor(tx, staff, body.storeId);
    await assertSku(tx, body.skuId);
    const { applied } = await adjust(tx, {
      storeId,
      skuId: body.skuId,
      delta: body.delta,
      note: body.note,
      reference,
      actor: actorOf(staff),
      at: deps.now(),
    });
    if (applied)
      await auditChange(tx, staff, 'inventory.adjust', body.skuId, request, { storeId, delta: body.delta, note: body.note, reference });
    return { applied, stock: await stockOf(tx, storeId, body.skuId) };
  });
}

export async function transferStock(
  deps: Deps,
  staff: Staff,
  body: { fromStoreId?: number; toStoreId: number; skuId: number; qty: number; note?: string },
  request: Request,
): Promise<{ applied: boolean; from: StockView; to: StockView }> {
  const reference = staffReference(staff, request.idempotencyKey);
  return withInventoryTx(deps.db, async (tx) => {
    const fromStoreId = await storeFor(tx, staff, body.fromStoreId);
    if (!(await storeExists(tx, body.toStoreId))) throw errors.notFound('STORE_NOT_FOUND', '调入门店不存在');
    await assertSku(tx, body.skuId);
    const { applied } = await transfer(tx, {
      fromStoreId,
      toStoreId: body.toStoreId,
      skuId: body.skuId,
      qty: body.qty,
      note: body.note || undefined,
      reference,
      actor: actorOf(staff),
      at: deps.now(),
    });
    const detail = { fromStoreId, toStoreId: body.toStoreId, qty: body.qty, note: body.note, reference };
    if (applied) await auditChange(tx, staff, 'inventory.transfer', body.skuId, request, detail);
    return { applied, from: await stockOf(tx, fromStoreId, body.skuId), to: await stockOf(tx, body.toStoreId, body.skuId) };
  });
}

/**
 * The ledger reference of a staff write: the client's Idempotency-Key, namespaced by the staff
 * member so two devices that happen to send the same key never swallow each other's change.
 */
function staffReference(staff: Staff, key: string | undefined): string {
  if (!key) throw new AppError('validation', 'IDEMPOTENCY_KEY_REQUIRED', '缺少 Idempotency-Key 请求头');
  if (!IdempotencyKeySchema.safeParse(key).success)
    throw new AppError('validation', 'IDEMPOTENCY_KEY_INVALID', 'Idempotency-Key 格式不正确');
  return `st${staff.staffId}:${key}`;
}

function actorOf(staff: Staff): Actor {
  return { type: 'staff', id: staff.staffId };
}

async function assertSku(tx: Tx, skuId: number): Promise<void> {
  if (!(await skuExists(tx, skuId))) throw errors.notFound('SKU_NOT_FOUND', '商品不存在');
}

async function stockOf(tx: Tx, storeId: number, skuId: number): Promise<StockView> {
  const [stock] = await getStock(tx, { storeId, skuIds: [skuId] });
  return stock;
}

async function auditChange(
  tx: Tx,
  staff: Staff,
  action: string,
  skuId: number,
  request: Request,
  detail: Record<string, unknown>,
): Promise<void> {
  await audit(tx, staff, { action, targetType: 'sku', targetId: skuId, userAgent: request.userAgent, detail });
}
