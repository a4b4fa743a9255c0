import { and, asc, eq, gt, isNull, lte } from 'drizzle-orm';
import { startReminders, type DbOrTx, type ReminderTarget, type Tx } from '@shop/db';

export type ReminderRow = typeof startReminders.$inferSelect;

export async function findReminder(
  db: DbOrTx,
  memberId: number,
  targetId: number,
  targetType: ReminderTarget = 'flash',
): Promise<ReminderRow | undefined> {
  const [row] = await db
    .select()
    .from(startReminders)
    .where(and(eq(startReminders.memberId, memberId), eq(startReminders.targetType, targetType), eq(startReminders.targetId, targetId)))
    .limit(1);
  return row;
}

/** One reminder per member and target (start_reminders_member_target_uq): setting it twice keeps the first. */
export async function insertReminder(
  db: DbOrTx,
  row: { memberId: number; targetType: ReminderTarget; targetId: number; remindAt: Date; at: Date },
) {
  await db
    .insert(startReminders)
    .ignore()
    .values({ memberId: row.memberId, targetType: row.targetType, targetId: row.targetId, remindAt: row.remindAt, createdAt: row.at });
}

export async function deleteReminder(db: DbOrTx, memberId: number, targetId: number, targetType: ReminderTarget = 'flash'): Promise<void> {
  await db
    .delete(startReminders)
    .where(and(eq(startReminders.memberId, memberId), eq(startReminders.targetType, targetType), eq(startReminders.targetId, targetId)));
}

/** A member's flash reminders still to be sent (the 秒杀 page's 已设置提醒). */
export async function pendingFlashReminders(db: DbOrTx, memberId: number, now: Date) {
  return db
    .select({ flashSaleId: startReminders.targetId })
    .from(startReminders)
    .where(
      and(
        eq(startReminders.memberId, memberId),
        eq(startReminders.targetType, 'flash'),
        isNull(startReminders.sentAt),
        gt(startReminders.remindAt, new Date(now.getTime() - 86_400_000)),
      ),
    );
}

/** Reminders whose time has come and that nobody sent yet, oldest first (start_reminders_due_idx). */
export async function dueReminders(db: DbOrTx, now: Date, limit: number): Promise<ReminderRow[]> {
  return db
    .select()
    .from(startReminders)
    .where(and(isNull(startReminders.sentAt), lte(startReminders.remindAt, now)))
    .orderBy(asc(startReminders.remindAt), asc(startReminders.id))
    .limit(limit);
}

/** Stamps one reminder sent; false when another run stamped it first (the guard: sent_at IS NULL). */
export async function claimReminder(tx: Tx, id: number, at: Date): Promise<boolean> {
  const [result] = await tx
    .update(startReminders)
    .set({ sentAt: at })
    .where(and(eq(startReminders.id, id), isNull(startReminders.sentAt)));
  return result.affectedRows === 1;
}
