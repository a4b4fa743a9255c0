import { eq } from 'drizzle-orm';
import { payments, type DbOrTx, type TillTender, type Tx } from '@shop/db';
import { recordCreation, tryTransition, type Actor } from '../../lifecycle/apply';
import { lifecycles } from '../../lifecycle/tables';

export type PaymentRow = typeof payments.$inferSelect;

export async function paymentOf(db: DbOrTx, orderId: number): Promise<PaymentRow | undefined> {
  const [row] = await db.select().from(payments).where(eq(payments.orderId, orderId)).limit(1);
  return row;
}

/** The order closed unpaid: its pending payment is closed with it (WeChat's side was closed first). */
export async function closePending(tx: Tx, paymentId: number, at: Date, actor: Actor = { type: 'system' }): Promise<void> {
  await tryTransition(tx, lifecycles.payment, { id: paymentId, status: 'pending' }, 'close', { actor, at, set: { closedAt: at } });
}

/** A till sale is paid at the counter (现金, or the store's own 微信 / 支付宝 code or card terminal): one settled payment row. */
export async function recordTillPayment(
  tx: Tx,
  payment: { orderId: number; outTradeNo: string; method: TillTender; amountFen: number; at: Date; actor: Actor },
): Promise<void> {
  const [inserted] = await tx.insert(payments).values({
    orderId: payment.orderId,
    outTradeNo: payment.outTradeNo,
    method: payment.method,
    amountFen: payment.amountFen,
    status: 'paid',
    paidAt: payment.at,
    createdAt: payment.at,
  });
  await recordCreation(tx, lifecycles.payment, { id: inserted.insertId, status: 'paid' }, { actor: payment.actor, at: payment.at });
}
