import { z } from 'zod';

/** The member's 开抢提醒 for one flash sale, as PUT / DELETE answer it. */
export const FlashReminderSchema = z
  .object({
    flashSaleId: z.number().int(),
    /** Whether a reminder is set now. */
    reminded: z.boolean(),
    /** When the message goes out (start − FLASH_REMIND_BEFORE_MINUTES); null when none is set. */
    remindAt: z.string().nullable(),
  })
  .openapi('FlashReminder');

/** The member's 开播提醒 for one live room, as PUT / DELETE answer it. */
export const LiveReminderSchema = z
  .object({
    liveRoomId: z.number().int(),
    reminded: z.boolean(),
    /** When the message goes out (start − FLASH_REMIND_BEFORE_MINUTES); null when none is set. */
    remindAt: z.string().nullable(),
  })
  .openapi('LiveReminder');

/** GET /api/me/reminders: the flash sales I asked to be reminded of that have not started yet. */
export const MyRemindersSchema = z.object({ flashSaleIds: z.array(z.number().int()) }).openapi('MyReminders');
