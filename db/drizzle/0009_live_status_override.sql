DROP INDEX `live_rooms_status_starts_idx` ON `live_rooms`;--> statement-breakpoint
ALTER TABLE `live_rooms` ADD `status_override` enum('scheduled','live','ended');--> statement-breakpoint
ALTER TABLE `live_rooms` ADD `status_overridden_at` datetime(3);--> statement-breakpoint
CREATE INDEX `live_rooms_ends_idx` ON `live_rooms` (`ends_at`);--> statement-breakpoint
UPDATE `live_rooms` SET `status_override` = 'ended', `status_overridden_at` = `updated_at` WHERE `status` = 'ended' AND `ends_at` > UTC_TIMESTAMP(3);--> statement-breakpoint
ALTER TABLE `live_rooms` DROP COLUMN `status`;