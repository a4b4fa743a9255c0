CREATE TABLE `coupon_claim_tokens` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`template_id` bigint unsigned NOT NULL,
	`store_id` bigint unsigned,
	`created_by_staff_id` bigint unsigned NOT NULL,
	`expires_at` datetime(3) NOT NULL,
	`max_claims` int,
	`claimed_count` int NOT NULL DEFAULT 0,
	`revoked_at` datetime(3),
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `coupon_claim_tokens_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `coupon_shares` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`template_id` bigint unsigned NOT NULL,
	`sharer_member_id` bigint unsigned NOT NULL,
	`claimed_count` int NOT NULL DEFAULT 0,
	`rewarded_at` datetime(3),
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `coupon_shares_id` PRIMARY KEY(`id`),
	CONSTRAINT `coupon_shares_sharer_template_uq` UNIQUE(`sharer_member_id`,`template_id`)
);
--> statement-breakpoint
ALTER TABLE `coupon_templates` MODIFY COLUMN `source` enum('center','new_customer','monthly','birthday','points','store_qr','live','share','share_reward') NOT NULL;--> statement-breakpoint
-- refunds.request_key replaces the outbox as the refund idempotency ledger: backfill it from the
-- refund.requested rows (dedupe key refund.requested:<orderId>:<key>), else legacy:<id>.
ALTER TABLE `refunds` ADD `request_key` varchar(64);--> statement-breakpoint
UPDATE `refunds` r JOIN `outbox` o ON o.`topic` = 'refund.requested' AND o.`dedupe_key` LIKE CONCAT('refund.requested:', r.`order_id`, ':%') AND JSON_VALUE(o.`payload`, '$.refundId') = r.`id` SET r.`request_key` = LEFT(SUBSTRING(o.`dedupe_key`, LENGTH(CONCAT('refund.requested:', r.`order_id`, ':')) + 1), 64);--> statement-breakpoint
UPDATE `refunds` SET `request_key` = CONCAT('legacy:', `id`) WHERE `request_key` IS NULL;--> statement-breakpoint
ALTER TABLE `refunds` MODIFY COLUMN `request_key` varchar(64) NOT NULL;--> statement-breakpoint
ALTER TABLE `refunds` ADD `escalated_at` datetime(3);--> statement-breakpoint
UPDATE `refunds` r JOIN `outbox` o ON o.`dedupe_key` = CONCAT('after_sale.escalated:', r.`id`) SET r.`escalated_at` = o.`created_at`;--> statement-breakpoint
-- Record-only topics are history, written done; rows an earlier version left pending are done too,
-- and order.close_unpaid rows go (the sweeper reads orders, nothing consumes them).
UPDATE `outbox` SET `status` = 'done', `processed_at` = COALESCE(`processed_at`, `created_at`) WHERE `status` = 'pending' AND `topic` IN ('refund.requested', 'refund.rejected', 'refund.succeeded', 'after_sale.escalated');--> statement-breakpoint
DELETE FROM `outbox` WHERE `topic` = 'order.close_unpaid';--> statement-breakpoint
ALTER TABLE `coupon_templates` ADD `excluded_product_ids` json DEFAULT ('[]') NOT NULL;--> statement-breakpoint
ALTER TABLE `coupon_templates` ADD `store_ids` json DEFAULT ('[]') NOT NULL;--> statement-breakpoint
ALTER TABLE `coupon_templates` ADD `audience` enum('everyone','new_customer','tiers') DEFAULT 'everyone' NOT NULL;--> statement-breakpoint
ALTER TABLE `coupon_templates` ADD `audience_tiers` json DEFAULT ('[]') NOT NULL;--> statement-breakpoint
ALTER TABLE `coupon_templates` ADD `share_goal` int;--> statement-breakpoint
ALTER TABLE `coupon_templates` ADD `share_reward_template_id` bigint unsigned;--> statement-breakpoint
ALTER TABLE `user_coupons` ADD `source` enum('center','new_customer','monthly','birthday','points','store_qr','live','share','share_reward');--> statement-breakpoint
UPDATE `user_coupons` uc JOIN `coupon_templates` t ON t.`id` = uc.`template_id` SET uc.`source` = t.`source`;--> statement-breakpoint
ALTER TABLE `user_coupons` MODIFY COLUMN `source` enum('center','new_customer','monthly','birthday','points','store_qr','live','share','share_reward') NOT NULL;--> statement-breakpoint
ALTER TABLE `user_coupons` ADD `used_store_id` bigint unsigned;--> statement-breakpoint
ALTER TABLE `user_coupons` ADD `used_by_staff_id` bigint unsigned;--> statement-breakpoint
ALTER TABLE `refunds` ADD CONSTRAINT `refunds_order_request_uq` UNIQUE(`order_id`,`request_key`);--> statement-breakpoint
CREATE INDEX `coupon_claim_tokens_template_idx` ON `coupon_claim_tokens` (`template_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `user_coupons_status_valid_to_idx` ON `user_coupons` (`status`,`valid_to`);