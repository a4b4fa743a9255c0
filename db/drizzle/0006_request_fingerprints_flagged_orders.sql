ALTER TABLE `orders` ADD `request_fingerprint` char(64);--> statement-breakpoint
ALTER TABLE `refunds` ADD `request_fingerprint` char(64);--> statement-breakpoint
ALTER TABLE `user_coupons` ADD `request_fingerprint` char(64);--> statement-breakpoint
CREATE INDEX `orders_store_flagged_idx` ON `orders` (`store_id`,`flagged_reason`);