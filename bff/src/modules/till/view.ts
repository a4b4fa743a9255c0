import { and, eq } from 'drizzle-orm';
import { pointsLedger, type DbOrTx } from '@shop/db';
import { findMemberById, listTiers, toMemberView } from '../member';
import { linesOf, type OrderRow } from '../order';
import { paymentOf } from '../payment';
import { saleCouponOf } from '../coupon';

/** The receipt the till shows: read back from what was written, so a replay answers the same. */
export async function saleView(db: DbOrTx, order: OrderRow) {
  const [lines, payment, member, coupon] = await Promise.all([
    linesOf(db, [order.id]),
    paymentOf(db, order.id),
    order.memberId ? memberOf(db, order) : null,
    saleCouponOf(db, order.userCouponId),
  ]);
  if (!payment || payment.method === 'wechat') throw new Error(`till sale ${order.orderNo} has no offline payment`);
  return {
    sale: {
      id: order.id,
      orderNo: order.orderNo,
      storeId: order.storeId,
      items: lines.map((line) => ({
        skuId: line.skuId,
        title: line.title,
        specText: line.specText,
        qty: line.qty,
        unitPriceFen: line.unitPriceFen,
        payableFen: line.payableFen,
      })),
      itemsTotalFen: order.itemsTotalFen,
      memberDiscountFen: order.memberDiscountFen,
      promotionDiscountFen: order.promotionDiscountFen,
      couponDiscountFen: order.couponDiscountFen,
      payableFen: order.payableFen,
      coupon,
      payMethod: payment.method,
      member,
      createdAt: order.createdAt.toISOString(),
    },
  };
}

async function memberOf(db: DbOrTx, order: OrderRow) {
  const member = await findMemberById(db, order.memberId!);
  if (!member) return null;
  const [credit] = await db
    .select({ delta: pointsLedger.delta })
    .from(pointsLedger)
    .where(and(eq(pointsLedger.memberId, member.id), eq(pointsLedger.reason, 'order_completed'), eq(pointsLedger.reference, order.orderNo)))
    .limit(1);
  const view = toMemberView(member, await listTiers(db), undefined);
  return { id: view.id, nickname: view.nickname, tier: view.tier, pointsEarned: credit?.delta ?? 0, pointsBalance: view.points };
}
