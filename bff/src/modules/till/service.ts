import type { Tx } from '@shop/db';
import { findOrder, findOrderByNo, recordTillSale, type OrderRow } from '../order';
import { recordTillPayment } from '../payment';
import type { AppDeps } from '../../deps';
import { AppError, errors } from '../../http/errors';
import { getStock, sellOffline, withInventoryTx } from '../inventory';
import { creditCompletedOrder, findMemberById, listTiers, type StaffIdentity, toMemberView } from '../member';
import { IdempotencyKeySchema } from '../../http/idempotency';
import { audit, checkMemberCode, consumeResolution, isResolvedBy, storeFor, useMemberCode } from '../staff';
import { priceTill, resolveItems } from './pricing';
import { tillSaleNo } from './sale-no';
import type { TillQuoteInput, TillSaleInput } from './schema';
import { saleView } from './view';

/**
 * The till (线下收银) on the one stock and the one membership: a sale is an order with channel
 * 'offline' and fulfilment 'in_store', written complete and paid in a single transaction with its
 * lines, timeline, payment, stock movement (which may use the safety stock), the member's points
 * and tier spend, and the audit row.
 */

type Deps = Pick<AppDeps, 'db' | 'redis' | 'config' | 'now'>;
type Staff = StaffIdentity & { memberId: number };
type Request = { idempotencyKey: string | undefined; userAgent: string };

/** Who a sale is for: identified before the transaction, used up as its last step. */
type Customer = { memberId: number; via: 'member_code'; code: string; expiry: number } | { memberId: number; via: 'resolved' };

/** POST /api/staff/sales/quote: what the basket costs and whether the store has it. Uses nothing up. */
export async function quoteSale(deps: Deps, staff: Staff, body: TillQuoteInput) {
  const storeId = await storeFor(deps.db, staff, body.storeId);
  refuseCoupon(body.couponCode);
  const customer = body.memberId === undefined ? null : await resolvedCustomer(deps, staff, body.memberId);
  const items = await resolveItems(deps.db, body.items);
  const { lines, pricing } = await priceTill(deps.db, { items, memberId: customer?.memberId ?? null, now: deps.now() });
  const stock = new Map((await getStock(deps.db, { storeId, skuIds: lines.map((l) => l.skuId) })).map((s) => [s.skuId, s.sellableAtTill]));
  return {
    quote: {
      storeId,
      items: lines.map((line, i) => ({
        skuId: line.skuId,
        title: line.title,
        specText: line.specText,
        imageUrl: line.imageUrl,
        qty: line.qty,
        unitPriceFen: line.unitPriceFen,
        payableFen: pricing.lines[i].payableFen,
        sellableAtTill: stock.get(line.skuId) ?? 0,
      })),
      itemsTotalFen: pricing.itemsTotalFen,
      memberDiscountFen: pricing.memberDiscountFen,
      promotionDiscountFen: pricing.promotionDiscountFen,
      payableFen: pricing.payableFen,
      adjustments: pricing.adjustments,
      member: customer ? await quoteMember(deps, customer.memberId) : null,
      inStock: lines.every((line) => (stock.get(line.skuId) ?? 0) >= line.qty),
    },
  };
}

/**
 * POST /api/staff/sales. The Idempotency-Key names the sale (see sale-no.ts): a retry — also a
 * concurrent one — answers with the sale the first attempt made, before the member code is
 * looked at again, so a retry never meets MEMBER_CODE_USED for its own code.
 */
export async function ringUpSale(deps: Deps, staff: Staff, body: TillSaleInput, request: Request) {
  const storeId = await storeFor(deps.db, staff, body.storeId);
  const key = IdempotencyKeySchema.parse(request.idempotencyKey);
  refuseCoupon(body.couponCode);
  const saleNo = tillSaleNo(staff.staffId, key);
  const existing = await findOrderByNo(deps.db, saleNo);
  if (existing) return saleView(deps.db, sameSale(existing, staff));

  const customer = await identifyCustomer(deps, staff, body);
  const items = await resolveItems(deps.db, body.items);
  let order: OrderRow;
  try {
    order = await withInventoryTx(deps.db, (tx) =>
      writeSale(deps, tx, { staff, storeId, saleNo, key, customer, items, payMethod: body.payMethod, userAgent: request.userAgent }),
    );
  } catch (err) {
    // A concurrent retry with the same key won the sale number's unique index: answer with its sale.
    const winner = await findOrderByNo(deps.db, saleNo);
    if (!winner) throw err;
    order = sameSale(winner, staff);
  }
  return saleView(deps.db, order);
}

type SaleInput = {
  staff: Staff;
  storeId: number;
  saleNo: string;
  key: string;
  customer: Customer | null;
  items: { skuId: number; qty: number }[];
  payMethod: 'offline_cash' | 'offline_wechat';
  userAgent: string;
};

async function writeSale(deps: Deps, tx: Tx, input: SaleInput): Promise<OrderRow> {
  const { staff, storeId, saleNo, customer } = input;
  const now = deps.now();
  const memberId = customer?.memberId ?? null;
  const priced = await priceTill(tx, { items: input.items, memberId, now });
  const { pricing } = priced;
  const actor = { type: 'staff', id: staff.staffId } as const;

  // First write: the sale number's unique index serialises concurrent retries of one key here.
  const orderId = await recordTillSale(
    tx,
    {
      orderNo: saleNo,
      memberId,
      storeId,
      channel: 'offline',
      fulfillment: 'in_store',
      staffId: staff.staffId,
      itemsTotalFen: pricing.itemsTotalFen,
      memberDiscountFen: pricing.memberDiscountFen,
      promotionDiscountFen: pricing.promotionDiscountFen,
      couponDiscountFen: 0,
      payableFen: pricing.payableFen,
      paidFen: pricing.payableFen,
      promotionId: pricing.promotionId,
      tierCodeAtOrder: priced.tierCode,
      paidAt: now,
      completedAt: now,
      createdAt: now,
    },
    priced,
    input.payMethod,
  );
  await recordTillPayment(tx, { orderId, outTradeNo: saleNo, method: input.payMethod, amountFen: pricing.payableFen, at: now, actor });
  // OUT_OF_STOCK here (beyond on hand − reserved) rolls everything back, member code unburned.
  await sellOffline(tx, { storeId, lines: priced.lines.map((l) => ({ skuId: l.skuId, qty: l.qty })), reference: saleNo, actor, at: now });
  if (memberId !== null) await creditCompletedOrder(tx, { memberId, orderNo: saleNo, paidFen: pricing.payableFen });
  await audit(
    tx,
    { ...staff, storeId },
    {
      action: 'till.sale',
      targetType: 'order',
      targetId: orderId,
      userAgent: input.userAgent,
      detail: {
        orderNo: saleNo,
        payableFen: pricing.payableFen,
        payMethod: input.payMethod,
        memberId,
        memberVia: customer?.via ?? null,
        idempotencyKey: input.key,
      },
    },
  );
  // Last: a member code is burned (or a resolution used) only by a sale that is about to commit;
  // if another sale used it first, this one rolls back with the same error as a second scan.
  if (customer) await useCustomer(deps, staff, customer);
  return (await findOrder(tx, orderId))!;
}

/** A sale found under this staff member's key; anything else means the number is not ours. */
function sameSale(order: OrderRow, staff: Staff): OrderRow {
  if (order.channel !== 'offline' || order.staffId !== staff.staffId) {
    throw errors.conflict('IDEMPOTENCY_KEY_CONFLICT', '该请求编号已被使用，请重新发起收银');
  }
  return order;
}

/** The slot the coupons issue fills (线上领券，线下核销): until then a code is refused, never ignored. */
function refuseCoupon(couponCode: string | undefined): void {
  if (couponCode !== undefined) {
    throw errors.rule('COUPON_AT_TILL_UNAVAILABLE', '门店收银暂不支持使用优惠券，请去掉优惠券后再结算');
  }
}

/** The member of a sale: a fresh member code (checked now, burned on commit) or a recent resolution by id. */
async function identifyCustomer(deps: Deps, staff: Staff, body: { memberCode?: string; memberId?: number }): Promise<Customer | null> {
  if (body.memberCode !== undefined) {
    const { memberId, expiry } = await checkMemberCode(deps, staff, body.memberCode);
    if (!(await findMemberById(deps.db, memberId))) throw errors.rule('MEMBER_CODE_INVALID', '会员码无效');
    return { memberId, via: 'member_code', code: body.memberCode, expiry };
  }
  if (body.memberId !== undefined) return resolvedCustomer(deps, staff, body.memberId);
  return null;
}

async function resolvedCustomer(deps: Deps, staff: Staff, memberId: number): Promise<Customer> {
  if (!(await isResolvedBy(deps.redis, staff.staffId, memberId)) || !(await findMemberById(deps.db, memberId))) throw notResolved();
  return { memberId, via: 'resolved' };
}

async function useCustomer(deps: Deps, staff: Staff, customer: Customer): Promise<void> {
  if (customer.via === 'member_code') await useMemberCode(deps, customer.code, customer.expiry);
  else if (!(await consumeResolution(deps.redis, staff.staffId, customer.memberId))) throw notResolved();
}

function notResolved(): AppError {
  return errors.rule('MEMBER_NOT_RESOLVED', '请先扫描顾客的会员码（扫码后 10 分钟内有效，每次扫码限一笔销售）');
}

async function quoteMember(deps: Deps, memberId: number) {
  const member = await findMemberById(deps.db, memberId);
  if (!member) throw notResolved();
  const view = toMemberView(member, await listTiers(deps.db), undefined);
  return { id: view.id, nickname: view.nickname, tier: view.tier, points: view.points };
}
