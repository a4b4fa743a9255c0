CREATE TABLE `favorites` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`member_id` bigint unsigned NOT NULL,
	`product_id` bigint unsigned NOT NULL,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `favorites_id` PRIMARY KEY(`id`),
	CONSTRAINT `favorites_member_product_uq` UNIQUE(`member_id`,`product_id`)
);
--> statement-breakpoint
CREATE TABLE `group_campaign_skus` (
	`campaign_id` bigint unsigned NOT NULL,
	`sku_id` bigint unsigned NOT NULL,
	`group_price_fen` int NOT NULL,
	`leader_price_fen` int,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `group_campaign_skus_campaign_id_sku_id_pk` PRIMARY KEY(`campaign_id`,`sku_id`)
);
--> statement-breakpoint
CREATE TABLE `start_reminders` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`member_id` bigint unsigned NOT NULL,
	`target_type` enum('flash','live') NOT NULL,
	`target_id` bigint unsigned NOT NULL,
	`remind_at` datetime(3) NOT NULL,
	`sent_at` datetime(3),
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `start_reminders_id` PRIMARY KEY(`id`),
	CONSTRAINT `start_reminders_member_target_uq` UNIQUE(`member_id`,`target_type`,`target_id`)
);
--> statement-breakpoint
ALTER TABLE `payments` MODIFY COLUMN `method` enum('wechat','offline_cash','offline_wechat','offline_alipay','offline_card') NOT NULL;--> statement-breakpoint
ALTER TABLE `orders` ADD `pickup_phone` varchar(20);--> statement-breakpoint
ALTER TABLE `orders` ADD `pickup_slot_start` datetime(3);--> statement-breakpoint
ALTER TABLE `orders` ADD `pickup_slot_end` datetime(3);--> statement-breakpoint
CREATE INDEX `favorites_member_recent_idx` ON `favorites` (`member_id`,`id`);--> statement-breakpoint
CREATE INDEX `start_reminders_due_idx` ON `start_reminders` (`sent_at`,`remind_at`);--> statement-breakpoint
INSERT INTO `group_campaign_skus` (`campaign_id`, `sku_id`, `group_price_fen`, `leader_price_fen`) SELECT `id`, `sku_id`, `group_price_fen`, `leader_price_fen` FROM `group_campaigns`;