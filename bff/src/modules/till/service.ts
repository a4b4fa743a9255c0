import type { TillTender, Tx } from '@shop/db';
import type { PricingResult } from '../../domain/pricing';
import { findOrder, findOrderByNo, recordTillSale, type OrderRow } from '../order';
import { recordTillPayment } from '../payment';
import type { AppDeps } from '../../deps';
import { AppError, errors } from '../../http/errors';
import { getStock, sellOffline, withInventoryTx } from '../inventory';
import { creditCompletedOrder, customerSummary, findMemberById, listTiers, type StaffIdentity, toMemberView } from '../member';
import { assertSameRequest, requestFingerprint } from '../../http/fingerprint';
import { IdempotencyKeySchema } from '../../http/idempotency';
import { audit, checkMemberCode, consumeResolution, isResolvedBy, storeFor, useMemberCode } from '../staff';
import {
  basketRejectionError,
  couponTitle,
  redeemOffline,
  refusalBody,
  scanCouponCode,
  useCouponCode,
  type ScannedCoupon,
} from '../coupon';
import { judgeTillCoupon, type TillCoupon } from './coupon';
import { priceTill, resolveItems } from './pricing';
import { tillSaleNo } from './sale-no';
import type { TillQuoteInput, TillSaleInput } from './schema';
import { saleView } from './view';

/**
 * The till (线下收银) on the one stock and the one membership: a sale is an order with channel
 * 'offline' and fulfilment 'in_store', written complete and paid in a single transaction with its
 * lines, timeline, payment, stock movement (which may use the safety stock), the member's points
 * and tier spend, the redeemed coupon (线下核销) and the audit row.
 */

type Deps = Pick<AppDeps, 'db' | 'redis' | 'config' | 'now'>;
type Staff = StaffIdentity & { memberId: number };
type Request = { idempotencyKey: string | undefined; userAgent: string };

/** Who a sale is for: identified before the transaction, used up as its last step. */
type Customer = { memberId: number; via: 'member_code'; code: string; expiry: number } | { memberId: number; via: 'resolved' };

/** POST /api/staff/sales/quote: what the basket costs and whether the store has it. Uses nothing up. */
export async function quoteSale(deps: Deps, staff: Staff, body: TillQuoteInput) {
  const storeId = await storeFor(deps.db, staff, body.storeId);
  const customer = body.memberId === undefined ? null : await resolvedCustomer(deps, staff, body.memberId);
  const scanned = body.couponCode === undefined ? null : await scanCouponCode(deps, staff, body.couponCode);
  const items = await resolveItems(deps.db, body.items);
  const now = deps.now();
  const memberId = customer?.memberId ?? null;
  const offer = scanned ? await judgeTillCoupon(deps.db, scanned, { storeId, memberId, now }) : null;
  const { lines, pricing } = await priceTill(deps.db, { items, memberId, coupon: offer && !offer.refusal ? offer.coupon : null, now });
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
      couponDiscountFen: pricing.couponDiscountFen,
      payableFen: pricing.payableFen,
      adjustments: pricing.adjustments,
      coupon: offer ? await quoteCoupon(deps, offer, pricing) : null,
      member: customer ? await quoteMember(deps, customer.memberId) : null,
      inStock: lines.every((line) => (stock.get(line.skuId) ?? 0) >= line.qty),
    },
  };
}

/**
 * POST /api/staff/sales. The Idempotency-Key names the sale (see sale-no.ts): a retry — also a
 * concurrent one — answers with the sale the first attempt made, before the member code is
 * looked at again, so a retry never meets MEMBER_CODE_USED for its own code. The same key with
 * another body (another basket, member, coupon or payment) is 422 IDEMPOTENCY_KEY_REUSED.
 */
export async function ringUpSale(deps: Deps, staff: Staff, body: TillSaleInput, request: Request) {
  const storeId = await storeFor(deps.db, staff, body.storeId);
  const key = IdempotencyKeySchema.parse(request.idempotencyKey);
  const saleNo = tillSaleNo(staff.staffId, key);
  const fingerprint = requestFingerprint('POST /api/staff/sales', body);
  const existing = await findOrderByNo(deps.db, saleNo);
  if (existing) return saleView(deps.db, sameSale(existing, staff, fingerprint));

  const customer = await identifyCustomer(deps, staff, body);
  const coupon = body.couponCode === undefined ? null : await scanCouponCode(deps, staff, body.couponCode);
  const items = await resolveItems(deps.db, body.items);
  let order: OrderRow;
  try {
    order = await withInventoryTx(deps.db, (tx) =>
      writeSale(deps, tx, {
        staff,
        storeId,
        saleNo,
        key,
        fingerprint,
        customer,
        coupon,
        items,
        payMethod: body.payMethod,
        userAgent: request.userAgent,
      }),
    );
  } catch (err) {
    // A concurrent retry with the same key won the sale number's unique index: answer with its sale.
    const winner = await findOrderByNo(deps.db, saleNo);
    if (!winner) throw err;
    order = sameSale(winner, staff, fingerprint);
  }
  return saleView(deps.db, order);
}

type SaleInput = {
  staff: Staff;
  storeId: number;
  saleNo: string;
  key: string;
  fingerprint: string;
  customer: Customer | null;
  /** Checked before the transaction, judged again inside it, redeemed with the sale and burned last. */
  coupon: ScannedCoupon | null;
  items: { skuId: number; qty: number }[];
  payMethod: TillTender;
  userAgent: string;
};

async function writeSale(deps: Deps, tx: Tx, input: SaleInput): Promise<OrderRow> {
  const { staff, storeId, saleNo, customer } = input;
  const now = deps.now();
  const memberId = customer?.memberId ?? null;
  const offer = input.coupon ? await judgeTillCoupon(tx, input.coupon, { storeId, memberId, now }) : null;
  if (offer?.refusal) throw offer.refusal;
  const priced = await priceTill(tx, { items: input.items, memberId, coupon: offer?.coupon ?? null, now });
  const { pricing } = priced;
  // A coupon the basket does not qualify for refuses the sale: never charge full price silently.
  if (offer && pricing.couponId === null) throw basketRejectionError(pricing.couponRejection ?? 'NO_ELIGIBLE_ITEMS', offer.coupon);
  const userCouponId = offer?.held.userCouponId ?? null;
  const actor = { type: 'staff', id: staff.staffId } as const;

  // First write: the sale number's unique index serialises concurrent retries of one key here.
  const orderId = await recordTillSale(
    tx,
    {
      orderNo: saleNo,
      requestFingerprint: input.fingerprint,
      memberId,
      storeId,
      channel: 'offline',
      fulfillment: 'in_store',
      staffId: staff.staffId,
      itemsTotalFen: pricing.itemsTotalFen,
      memberDiscountFen: pricing.memberDiscountFen,
      promotionDiscountFen: pricing.promotionDiscountFen,
      couponDiscountFen: pricing.couponDiscountFen,
      userCouponId,
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
  // The coupon's guarded redeem, right after the order exists: of two tills taking one coupon,
  // the second waits here on the row and then finds it used (409), before touching any stock.
  if (userCouponId !== null) {
    await redeemOffline(tx, { userCouponId, storeId, staffId: staff.staffId, orderId, at: now });
  }
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
        userCouponId,
        couponDiscountFen: pricing.couponDiscountFen,
        idempotencyKey: input.key,
      },
    },
  );
  // Last: codes are burned (or a resolution used) only by a sale that is about to commit; if
  // another request used one first, this sale rolls back with the same error as a second scan.
  if (offer) await useCouponCode(deps, offer.scanned);
  if (customer) await useCustomer(deps, staff, customer);
  return (await findOrder(tx, orderId))!;
}

/** A sale found under this staff member's key; anything else means the number is not ours. */
function sameSale(order: OrderRow, staff: Staff, fingerprint: string): OrderRow {
  if (order.channel !== 'offline' || order.staffId !== staff.staffId) {
    throw errors.conflict('IDEMPOTENCY_KEY_CONFLICT', '该请求编号已被使用，请重新发起收银');
  }
  assertSameRequest(order.requestFingerprint, fingerprint, '收银');
  return order;
}

/** The quote's coupon: its discount on this basket, or the refusal the sale would answer with. */
async function quoteCoupon(deps: Deps, offer: TillCoupon, pricing: PricingResult) {
  const refusal =
    offer.refusal ??
    (pricing.couponId === null ? basketRejectionError(pricing.couponRejection ?? 'NO_ELIGIBLE_ITEMS', offer.coupon) : null);
  const owner = await findMemberById(deps.db, offer.held.memberId);
  return {
    userCouponId: offer.held.userCouponId,
    ...couponTitle(offer.held.template),
    member: { id: offer.held.memberId, nickname: customerSummary(owner?.nickname, null).nickname },
    discountFen: refusal ? 0 : pricing.couponDiscountFen,
    refusal: refusal && refusalBody(refusal),
  };
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
