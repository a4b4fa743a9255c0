CREATE TABLE `media` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`storage_key` varchar(96) NOT NULL,
	`owner_member_id` bigint unsigned NOT NULL,
	`mime` varchar(32) NOT NULL,
	`size_bytes` int NOT NULL,
	`purpose` varchar(32) NOT NULL,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `media_id` PRIMARY KEY(`id`),
	CONSTRAINT `media_storage_key_uq` UNIQUE(`storage_key`)
);
--> statement-breakpoint
CREATE TABLE `after_sale_lines` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`after_sale_id` bigint unsigned NOT NULL,
	`order_line_id` bigint unsigned NOT NULL,
	`sku_id` bigint unsigned NOT NULL,
	`qty` int NOT NULL,
	`amount_fen` int NOT NULL DEFAULT 0,
	`exchange_sku_id` bigint unsigned,
	CONSTRAINT `after_sale_lines_id` PRIMARY KEY(`id`),
	CONSTRAINT `after_sale_lines_request_line_uq` UNIQUE(`after_sale_id`,`order_line_id`)
);
--> statement-breakpoint
CREATE TABLE `after_sale_photos` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`after_sale_id` bigint unsigned NOT NULL,
	`media_id` bigint unsigned NOT NULL,
	`position` int NOT NULL,
	CONSTRAINT `after_sale_photos_id` PRIMARY KEY(`id`),
	CONSTRAINT `after_sale_photos_request_position_uq` UNIQUE(`after_sale_id`,`position`),
	CONSTRAINT `after_sale_photos_media_uq` UNIQUE(`media_id`)
);
--> statement-breakpoint
CREATE TABLE `after_sales` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`service_no` varchar(32) NOT NULL,
	`order_id` bigint unsigned NOT NULL,
	`member_id` bigint unsigned NOT NULL,
	`store_id` bigint unsigned NOT NULL,
	`type` enum('return','exchange') NOT NULL,
	`status` enum('requested','approved','rejected','cancelled','returned','refunding','refunded','exchanged') NOT NULL,
	`request_key` varchar(64) NOT NULL,
	`request_fingerprint` char(64) NOT NULL,
	`reason` varchar(32) NOT NULL,
	`description` varchar(500) NOT NULL DEFAULT '',
	`refund_fen` int NOT NULL DEFAULT 0,
	`refund_id` bigint unsigned,
	`decided_by_staff_id` bigint unsigned,
	`decided_at` datetime(3),
	`decision_note` varchar(255),
	`received_by_staff_id` bigint unsigned,
	`received_at` datetime(3),
	`finished_at` datetime(3),
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `after_sales_id` PRIMARY KEY(`id`),
	CONSTRAINT `after_sales_service_no_uq` UNIQUE(`service_no`),
	CONSTRAINT `after_sales_member_request_uq` UNIQUE(`member_id`,`request_key`)
);
--> statement-breakpoint
CREATE INDEX `media_owner_idx` ON `media` (`owner_member_id`,`id`);--> statement-breakpoint
CREATE INDEX `after_sale_lines_order_line_idx` ON `after_sale_lines` (`order_line_id`);--> statement-breakpoint
CREATE INDEX `after_sales_member_idx` ON `after_sales` (`member_id`,`id`);--> statement-breakpoint
CREATE INDEX `after_sales_store_status_idx` ON `after_sales` (`store_id`,`status`,`id`);--> statement-breakpoint
CREATE INDEX `after_sales_order_idx` ON `after_sales` (`order_id`);--> statement-breakpoint
CREATE INDEX `after_sales_status_idx` ON `after_sales` (`status`,`refund_id`);