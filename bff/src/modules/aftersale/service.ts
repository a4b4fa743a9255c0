import {
  afterSaleLines,
  afterSalePhotos,
  afterSaleReasons,
  afterSales,
  type AfterSaleReason,
  type AfterSaleType,
  type DbOrTx,
  type Tx,
} from '@shop/db';
import type { AppDeps } from '../../deps';
import { AppError, errors } from '../../http/errors';
import { assertSameRequest } from '../../http/fingerprint';
import { recordCreation, applyTransition } from '../../lifecycle/apply';
import { lifecycles } from '../../lifecycle/tables';
import { specText } from '../../domain/spec-text';
import { withInventoryTx } from '../inventory';
import { ownMedia, mediaUrls } from '../media';
import { findOrder, linesOf, lockOrder, type OrderLineRow, type OrderRow } from '../order';
import { committedByLine } from '../refund';
import {
  attachedMedia,
  counterStock,
  countOfOrder,
  findAfterSale,
  heldByLine,
  historyOf,
  linesOfAfterSales,
  listOfMember,
  lockAfterSale,
  lockByRequestKey,
  oneWithContext,
  paymentMethodOf,
  photosOfAfterSales,
  refundsByIds,
  skusOfProducts,
  type AfterSaleListRow,
  type AfterSaleRow,
} from './queries';
import { AFTER_SALE_REASON_LABELS, afterSaleView, staffAfterSaleView, type AfterSaleView, type ViewContext } from './view';

type Deps = Pick<AppDeps, 'db' | 'now' | 'config' | 'media'>;

const DAY_MS = 86_400_000;

export type AfterSalePick = { orderLineId: number; qty: number; exchangeSkuId?: number };

export type CreateInput = {
  orderId: number;
  memberId: number;
  requestKey: string;
  fingerprint: string;
  type: AfterSaleType;
  reason: AfterSaleReason;
  description: string;
  lines: AfterSalePick[];
  photoIds: number[];
};

/** Why an order takes no (more) after-sale, or null; the same rules the create checks (docs/domain.md#after-sale). */
function windowProblem(deps: Pick<Deps, 'config' | 'now'>, order: OrderRow): AppError | null {
  if (order.status !== 'completed' || !order.completedAt) {
    return errors.rule('AFTER_SALE_NOT_ALLOWED', order.status === 'refunded' ? '该订单已全部退款' : '订单提货后才能申请售后');
  }
  if (deps.now().getTime() > deadlineOf(deps, order.completedAt).getTime()) {
    return errors.rule('AFTER_SALE_WINDOW_CLOSED', `已超过提货后 ${deps.config.afterSaleWindowDays} 天的售后期限，如有疑问请联系门店`);
  }
  return null;
}

function deadlineOf(deps: Pick<Deps, 'config'>, completedAt: Date): Date {
  return new Date(completedAt.getTime() + deps.config.afterSaleWindowDays * DAY_MS);
}

/** Only an order paid with WeChat Pay is refunded online; a till sale's 退货退款 is done at the counter. */
function canRefundOnline(order: OrderRow, method: string | null): boolean {
  return order.channel === 'online' && method === 'wechat' && order.paidFen > 0;
}

/** What each line still allows: bought − refunded outside after-sale − held by after-sale requests. */
async function available(tx: DbOrTx, order: OrderRow, lines: OrderLineRow[]) {
  const held = await heldByLine(tx, order.id);
  const refunded = await committedByLine(tx, order.id, 'after_sale');
  return new Map(
    lines.map((line) => {
      const h = held.get(line.id) ?? { qty: 0, open: false };
      const left = line.qty - h.qty - (refunded.get(line.id)?.qty ?? 0);
      return [line.id, { left: Math.max(0, left), open: h.open, refundedFen: refunded.get(line.id)?.fen ?? 0 }];
    }),
  );
}

/** Other active SKUs of a line's product at the same list price as the one bought (换货 options). */
async function exchangeOptions(db: DbOrTx, storeId: number, lines: OrderLineRow[]) {
  const all = await skusOfProducts(db, [...new Set(lines.map((l) => l.productId))]);
  const stock = await counterStock(
    db,
    storeId,
    all.map((s) => s.id),
  );
  return (line: OrderLineRow) => {
    const bought = all.find((s) => s.id === line.skuId);
    return all
      .filter(
        (s) => s.productId === line.productId && s.id !== line.skuId && s.status === 'active' && bought && s.priceFen === bought.priceFen,
      )
      .map((s) => ({ skuId: s.id, specText: specText(s.specs, s.specValues), inStock: (stock.get(s.id) ?? 0) > 0 }));
  };
}

/** GET /api/orders/:id/after-sale-options: whether the order takes a request, and what each line allows. */
export async function afterSaleOptions(deps: Deps, memberId: number, orderId: number) {
  const order = await findOwnOrder(deps.db, memberId, orderId);
  const lines = (await linesOf(deps.db, [order.id])).sort((a, b) => a.id - b.id);
  const left = await available(deps.db, order, lines);
  const options = await exchangeOptions(deps.db, order.storeId, lines);
  const problem = windowProblem(deps, order);
  return {
    eligible: problem === null && [...left.values()].some((l) => l.left > 0 && !l.open),
    reason: problem?.message ?? ([...left.values()].some((l) => l.left > 0 && !l.open) ? null : '订单商品均已申请售后'),
    deadline: order.completedAt ? deadlineOf(deps, order.completedAt).toISOString() : null,
    returnAllowed: canRefundOnline(order, await paymentMethodOf(deps.db, order.id)),
    lines: lines.map((line) => ({
      orderLineId: line.id,
      skuId: line.skuId,
      productId: line.productId,
      title: line.title,
      specText: line.specText,
      imageUrl: line.imageUrl,
      unitPriceFen: line.unitPriceFen,
      availableQty: left.get(line.id)!.left,
      open: left.get(line.id)!.open,
      exchangeOptions: options(line),
    })),
    reasons: afterSaleReasons.map((value) => ({ value, label: AFTER_SALE_REASON_LABELS[value] })),
  };
}

async function findOwnOrder(db: DbOrTx, memberId: number, orderId: number): Promise<OrderRow> {
  const order = await findOrder(db, orderId);
  if (!order || order.memberId !== memberId) throw errors.notFound('ORDER_NOT_FOUND', '订单不存在');
  return order;
}

/**
 * POST /api/orders/:id/after-sales: a request, once per (member, Idempotency-Key). Everything is
 * checked under the order's row lock, so two requests for one line (a double tap with two keys,
 * two phones) queue up and the second sees the first's units: one open request per line, and a
 * line's units in after-sale never exceed what was bought and not refunded otherwise.
 */
export async function createAfterSale(deps: Deps, input: CreateInput): Promise<{ afterSale: AfterSaleRow; created: boolean }> {
  return withInventoryTx(deps.db, async (tx) => {
    const order = await lockOrder(tx, input.orderId);
    if (!order || order.memberId !== input.memberId) throw errors.notFound('ORDER_NOT_FOUND', '订单不存在');
    const existing = await lockByRequestKey(tx, input.memberId, input.requestKey);
    if (existing) {
      if (existing.orderId !== order.id) throw errors.rule('IDEMPOTENCY_KEY_REUSED', '该请求编号已用于另一笔不同的售后申请，请重新提交');
      assertSameRequest(existing.requestFingerprint, input.fingerprint, '售后申请');
      return { afterSale: existing, created: false };
    }
    const problem = windowProblem(deps, order);
    if (problem) throw problem;
    if (input.type === 'return' && !canRefundOnline(order, await paymentMethodOf(tx, order.id))) {
      throw errors.rule('AFTER_SALE_RETURN_IN_STORE', '门店收银订单请到门店办理退货退款，线上可申请换货');
    }
    const lines = await linesOf(tx, [order.id]);
    const planned = await planLines(tx, order, lines, input);
    const photos = await ownMedia(tx, input.memberId, input.photoIds);
    if ((await attachedMedia(tx, input.photoIds)).length > 0)
      throw errors.rule('MEDIA_ALREADY_USED', '图片已用于另一笔售后申请，请重新上传');

    const serviceNo = `AS${order.orderNo.replace(/^[A-Z]{2}/, '')}-${String((await countOfOrder(tx, order.id)) + 1).padStart(2, '0')}`;
    const [inserted] = await tx.insert(afterSales).values({
      serviceNo,
      orderId: order.id,
      memberId: input.memberId,
      storeId: order.storeId,
      type: input.type,
      status: 'requested',
      requestKey: input.requestKey,
      requestFingerprint: input.fingerprint,
      reason: input.reason,
      description: input.description,
      refundFen: planned.reduce((sum, l) => sum + l.amountFen, 0),
    });
    const id = inserted.insertId;
    await tx.insert(afterSaleLines).values(planned.map((line) => ({ afterSaleId: id, ...line })));
    if (photos.length > 0)
      await tx.insert(afterSalePhotos).values(photos.map((m, position) => ({ afterSaleId: id, mediaId: m.id, position })));
    await recordCreation(
      tx,
      lifecycles.afterSale,
      { id, status: 'requested' },
      { actor: { type: 'member', id: input.memberId }, at: deps.now() },
    );
    return { afterSale: (await findAfterSale(tx, id))!, created: true };
  });
}

type PlannedLine = { orderLineId: number; skuId: number; qty: number; amountFen: number; exchangeSkuId: number | null };

/**
 * Each picked line against what it still allows; 退货退款 lines are worth their share of the
 * line's payable (the refund module's rule: floor(payable × qty / line qty), the last units take
 * what is left), 换货 lines nothing, and must name another active SKU of the same product at the
 * same price.
 */
async function planLines(tx: Tx, order: OrderRow, lines: OrderLineRow[], input: CreateInput): Promise<PlannedLine[]> {
  const left = await available(tx, order, lines);
  const options = input.type === 'exchange' ? await exchangeOptions(tx, order.storeId, lines) : null;
  return input.lines.map((pick) => {
    const line = lines.find((l) => l.id === pick.orderLineId);
    if (!line) throw new AppError('business_rule', 'AFTER_SALE_LINE_NOT_FOUND', '订单中没有该商品', { orderLineId: pick.orderLineId });
    const room = left.get(line.id)!;
    if (room.open) throw new AppError('business_rule', 'AFTER_SALE_LINE_OPEN', '该商品已有进行中的售后申请', { orderLineId: line.id });
    if (pick.qty > room.left)
      throw new AppError('business_rule', 'AFTER_SALE_QTY_EXCEEDS', '售后数量超过可申请数量', { orderLineId: line.id });
    if (input.type === 'exchange') {
      if (!pick.exchangeSkuId) throw errors.validation('请选择要换的规格');
      if (!options!(line).some((o) => o.skuId === pick.exchangeSkuId)) {
        throw new AppError('business_rule', 'AFTER_SALE_EXCHANGE_NOT_ALLOWED', '只能换同一商品、同价格的其他规格', {
          orderLineId: line.id,
        });
      }
      return { orderLineId: line.id, skuId: line.skuId, qty: pick.qty, amountFen: 0, exchangeSkuId: pick.exchangeSkuId };
    }
    return { orderLineId: line.id, skuId: line.skuId, qty: pick.qty, amountFen: shareOf(line, pick.qty, room.left), exchangeSkuId: null };
  });
}

/**
 * What `qty` units of a line are worth back, shown while the request waits: floor of the
 * proportional share, and the line's last units take what is left of its payable. The refund the
 * receipt requests computes the amount again (refund/amounts.ts) and that is what is paid.
 */
function shareOf(line: OrderLineRow, qty: number, left: number): number {
  if (qty === left) {
    const takenBefore = line.qty - left;
    return line.payableFen - Math.floor((line.payableFen * takenBefore) / line.qty);
  }
  return Math.floor((line.payableFen * qty) / line.qty);
}

/** POST /api/after-sales/:id/cancel: the customer withdraws a request before the goods are back at the store. */
export async function cancelAfterSale(deps: Deps, memberId: number, id: number): Promise<AfterSaleRow> {
  await deps.db.transaction(async (tx) => {
    const found = await findAfterSale(tx, id);
    if (!found || found.memberId !== memberId) throw errors.notFound('AFTER_SALE_NOT_FOUND', '售后申请不存在');
    await lockOrder(tx, found.orderId);
    const row = (await lockAfterSale(tx, id))!;
    await applyTransition(tx, lifecycles.afterSale, row, 'cancel', {
      actor: { type: 'member', id: memberId },
      at: deps.now(),
      conflict: () => errors.conflict('AFTER_SALE_STATE_CONFLICT', '门店已收货或申请已处理，无法撤销'),
    });
  });
  return (await findAfterSale(deps.db, id))!;
}

export async function myAfterSales(deps: Deps, memberId: number, page: { page: number; pageSize: number }) {
  const { rows, total } = await listOfMember(deps.db, memberId, { limit: page.pageSize, offset: (page.page - 1) * page.pageSize });
  return { items: await views(deps, rows, afterSaleView), total };
}

export async function myAfterSale(deps: Deps, memberId: number, id: number): Promise<AfterSaleView> {
  const row = await oneWithContext(deps.db, id);
  if (!row || row.afterSale.memberId !== memberId) throw errors.notFound('AFTER_SALE_NOT_FOUND', '售后申请不存在');
  return (await views(deps, [row], afterSaleView))[0];
}

/** Views of several requests with a handful of queries (lines, order lines, photos, refunds, history, exchange specs). */
export async function views<V>(
  deps: Pick<Deps, 'db' | 'media' | 'config'>,
  rows: AfterSaleListRow[],
  shape: (row: AfterSaleListRow, ctx: ViewContext) => V,
): Promise<V[]> {
  const ids = rows.map((r) => r.afterSale.id);
  const [lines, photos, history, refunds, orderLines] = await Promise.all([
    linesOfAfterSales(deps.db, ids),
    photosOfAfterSales(deps.db, ids),
    historyOf(deps.db, ids),
    refundsByIds(
      deps.db,
      rows.map((r) => r.afterSale.refundId).filter((x): x is number => x !== null),
    ),
    linesOf(deps.db, [...new Set(rows.map((r) => r.afterSale.orderId))]),
  ]);
  const urls = await mediaUrls(
    deps,
    photos.map((p) => p.mediaId),
  );
  const exchangeSkus = await skusOfProducts(deps.db, [
    ...new Set(orderLines.filter((l) => lines.some((x) => x.exchangeSkuId && x.orderLineId === l.id)).map((l) => l.productId)),
  ]);
  const specOf = new Map(exchangeSkus.map((s) => [s.id, specText(s.specs, s.specValues)]));
  return rows.map((row) => {
    const id = row.afterSale.id;
    const refund = refunds.find((r) => r.id === row.afterSale.refundId) ?? null;
    return shape(row, {
      lines: lines.filter((l) => l.afterSaleId === id),
      orderLines: orderLines.filter((l) => l.orderId === row.afterSale.orderId),
      photos: photos.filter((p) => p.afterSaleId === id).map((p) => ({ id: p.mediaId, url: urls.get(p.mediaId) ?? '' })),
      refund,
      history: history.filter((h) => h.entityId === id),
      specOf,
      responseHours: deps.config.afterSaleResponseHours,
    });
  });
}

export { staffAfterSaleView };
