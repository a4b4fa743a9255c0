/**
 * Start reminders (docs/domain.md#flash-sales, #live-links): a member's 开抢提醒 for a coming flash
 * sale or 开播提醒 for a live room still 预告, set and
 * cancelled idempotently, and the job that sends each one once through the outbox a few minutes
 * before the start (config FLASH_REMIND_BEFORE_MINUTES).
 *
 * Owns: start_reminders.
 */
export { reminderRoutes } from './routes';
export { sendDueReminders } from './service';
