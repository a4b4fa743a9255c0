import { index, mysqlEnum, mysqlTable, uniqueIndex } from 'drizzle-orm/mysql-core';
import { createdAt, id, ref, utc } from '../columns';

/** What a start reminder is for: a flash sale's 开抢提醒 now, a live room's 开播提醒 later. */
export const reminderTargets = ['flash', 'live'] as const;
export type ReminderTarget = (typeof reminderTargets)[number];

/**
 * A member asked to be told when something starts (and granted WeChat's one-time subscribe
 * message for it). A job sends the message through the outbox at remind_at and stamps sent_at,
 * so each reminder goes out once.
 */
export const startReminders = mysqlTable(
  'start_reminders',
  {
    id: id(),
    memberId: ref('member_id').notNull(),
    targetType: mysqlEnum('target_type', reminderTargets).notNull(),
    targetId: ref('target_id').notNull(),
    remindAt: utc('remind_at').notNull(),
    sentAt: utc('sent_at'),
    createdAt: createdAt(),
  },
  (t) => [
    // subscribing twice keeps one reminder
    uniqueIndex('start_reminders_member_target_uq').on(t.memberId, t.targetType, t.targetId),
    // the sender job: reminders not yet sent whose time has come
    index('start_reminders_due_idx').on(t.sentAt, t.remindAt),
  ],
);
