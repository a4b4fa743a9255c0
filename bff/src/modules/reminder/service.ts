import type { AppDeps } from '../../deps';
import { errors } from '../../http/errors';
import { liveStatusAt } from '../../domain/live-status';
import { findFlashSale } from '../flashsale';
import { findLiveRoom } from '../live';
import { enqueue } from '../outbox';
import type { Tx } from '@shop/db';
import {
  claimReminder,
  deleteReminder,
  dueReminders,
  findReminder,
  insertReminder,
  pendingFlashReminders,
  type ReminderRow,
} from './queries';

type Deps = Pick<AppDeps, 'db' | 'config' | 'now'>;

/**
 * PUT /api/flash-sales/{id}/reminder: 开抢提醒 for a sale that has not started. Idempotent: a
 * second call keeps the first reminder. remind_at = start − FLASH_REMIND_BEFORE_MINUTES, or now
 * when that is already past (the job then sends it on its next run).
 */
export async function setFlashReminder(deps: Deps, memberId: number, flashSaleId: number) {
  const sale = await findFlashSale(deps.db, flashSaleId);
  if (!sale || sale.status === 'paused') throw errors.notFound('FLASH_SALE_NOT_FOUND', '秒杀活动不存在');
  const now = deps.now();
  if (sale.status === 'ended' || sale.endsAt <= now) throw errors.rule('FLASH_REMINDER_CLOSED', '秒杀已结束，无法设置提醒');
  if (sale.startsAt <= now) throw errors.rule('FLASH_REMINDER_CLOSED', '秒杀已开抢，直接去抢购吧');
  const remindAt = new Date(Math.max(now.getTime(), sale.startsAt.getTime() - deps.config.flashRemindBeforeMinutes * 60_000));
  await insertReminder(deps.db, { memberId, targetType: 'flash', targetId: flashSaleId, remindAt, at: now });
  const row = await findReminder(deps.db, memberId, flashSaleId);
  return { flashSaleId, reminded: true, remindAt: (row?.remindAt ?? remindAt).toISOString() };
}

/** DELETE /api/flash-sales/{id}/reminder: idempotent; a reminder already sent is simply forgotten. */
export async function cancelFlashReminder(deps: Deps, memberId: number, flashSaleId: number) {
  await deleteReminder(deps.db, memberId, flashSaleId);
  return { flashSaleId, reminded: false, remindAt: null };
}

/**
 * PUT /api/lives/{id}/reminder: 开播提醒 for a room still 预告 (docs/domain.md#live-links), sent
 * the same lead time before its start as 开抢提醒 (FLASH_REMIND_BEFORE_MINUTES), or at once when
 * that is already past. Idempotent like the flash reminder.
 */
export async function setLiveReminder(deps: Deps, memberId: number, liveRoomId: number) {
  const room = await findLiveRoom(deps.db, liveRoomId);
  if (!room) throw errors.notFound('LIVE_NOT_FOUND', '直播间不存在');
  const now = deps.now();
  const status = liveStatusAt(room, now);
  if (status === 'live') throw errors.rule('LIVE_REMINDER_CLOSED', '直播已开始，直接进入直播间吧');
  if (status === 'ended') throw errors.rule('LIVE_REMINDER_CLOSED', '直播已结束，无法设置提醒');
  const remindAt = new Date(Math.max(now.getTime(), room.startsAt.getTime() - deps.config.flashRemindBeforeMinutes * 60_000));
  await insertReminder(deps.db, { memberId, targetType: 'live', targetId: liveRoomId, remindAt, at: now });
  const row = await findReminder(deps.db, memberId, liveRoomId, 'live');
  return { liveRoomId, reminded: true, remindAt: (row?.remindAt ?? remindAt).toISOString() };
}

/** DELETE /api/lives/{id}/reminder: idempotent. */
export async function cancelLiveReminder(deps: Deps, memberId: number, liveRoomId: number) {
  await deleteReminder(deps.db, memberId, liveRoomId, 'live');
  return { liveRoomId, reminded: false, remindAt: null };
}

/** A due 开播提醒: sent unless the room is over (ended on schedule or by head office) meanwhile. */
async function enqueueLiveStarting(tx: Tx, reminder: ReminderRow, now: Date): Promise<boolean> {
  const room = await findLiveRoom(tx, reminder.targetId);
  if (!room || liveStatusAt(room, now) === 'ended') return false;
  const payload = {
    memberId: reminder.memberId,
    reminderId: reminder.id,
    liveRoomId: room.id,
    title: room.title,
    hostName: room.hostName,
    startsAt: room.startsAt.toISOString(),
  };
  return enqueue(tx, 'live.starting', payload, { dedupeKey: `live.starting:${reminder.id}`, at: now });
}

export async function myReminders(deps: Deps, memberId: number) {
  const rows = await pendingFlashReminders(deps.db, memberId, deps.now());
  return { flashSaleIds: rows.map((r) => r.flashSaleId) };
}

/**
 * The reminder job: each due reminder is stamped sent with a guarded UPDATE (sent_at IS NULL) and
 * its 开抢提醒 written to the outbox in the same transaction, so two runs at once send it once.
 * Whether WeChat delivers it depends on the member's one-time consent: without it the relay
 * records the row as not_subscribed, as every subscribe message does. A sale paused or over
 * meanwhile is stamped with nothing sent.
 */
export async function sendDueReminders(deps: Pick<AppDeps, 'db' | 'now'>, { batch = 200 } = {}): Promise<{ sent: number }> {
  const now = deps.now();
  let sent = 0;
  for (const reminder of await dueReminders(deps.db, now, batch)) {
    await deps.db.transaction(async (tx) => {
      if (!(await claimReminder(tx, reminder.id, now))) return;
      if (reminder.targetType === 'live') {
        if (await enqueueLiveStarting(tx, reminder, now)) sent += 1;
        return;
      }
      const sale = await findFlashSale(tx, reminder.targetId);
      if (!sale || sale.status !== 'active' || sale.endsAt <= now) return;
      const payload = {
        memberId: reminder.memberId,
        reminderId: reminder.id,
        flashSaleId: sale.id,
        title: sale.title,
        priceFen: sale.priceFen,
        startsAt: sale.startsAt.toISOString(),
      };
      if (await enqueue(tx, 'flash.starting', payload, { dedupeKey: `flash.starting:${reminder.id}`, at: now })) sent += 1;
    });
  }
  return { sent };
}
