CREATE TABLE `tiers` (
	`code` varchar(16) NOT NULL,
	`name` varchar(32) NOT NULL,
	`rank` tinyint unsigned NOT NULL,
	`threshold_fen` bigint NOT NULL,
	`discount_percent` tinyint unsigned NOT NULL,
	`birthday_coupon` boolean NOT NULL DEFAULT false,
	`flash_early_access_minutes` int NOT NULL DEFAULT 0,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `tiers_code` PRIMARY KEY(`code`),
	CONSTRAINT `tiers_rank_unique` UNIQUE(`rank`)
);
--> statement-breakpoint
CREATE TABLE `members` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`openid` varchar(64) NOT NULL,
	`unionid` varchar(64),
	`nickname` varchar(64) NOT NULL DEFAULT '',
	`avatar_url` varchar(512) NOT NULL DEFAULT '',
	`phone` varchar(20),
	`birthday` date,
	`tier_code` varchar(16) NOT NULL DEFAULT 'normal',
	`total_spent_fen` bigint NOT NULL DEFAULT 0,
	`points_balance` int NOT NULL DEFAULT 0,
	`last_login_at` datetime(3),
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `members_id` PRIMARY KEY(`id`),
	CONSTRAINT `members_openid_uq` UNIQUE(`openid`)
);
--> statement-breakpoint
CREATE TABLE `points_ledger` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`member_id` bigint unsigned NOT NULL,
	`delta` int NOT NULL,
	`balance_after` int NOT NULL,
	`reason` varchar(32) NOT NULL,
	`reference` varchar(64) NOT NULL,
	`note` varchar(255),
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `points_ledger_id` PRIMARY KEY(`id`),
	CONSTRAINT `points_ledger_ref_uq` UNIQUE(`member_id`,`reason`,`reference`)
);
--> statement-breakpoint
CREATE TABLE `stores` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`code` varchar(32) NOT NULL,
	`name` varchar(64) NOT NULL,
	`city` varchar(32) NOT NULL,
	`district` varchar(32) NOT NULL,
	`address` varchar(255) NOT NULL,
	`phone` varchar(32) NOT NULL,
	`lat` decimal(9,6) NOT NULL,
	`lng` decimal(9,6) NOT NULL,
	`opening_hours` json NOT NULL,
	`status` enum('open','closed') NOT NULL DEFAULT 'open',
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `stores_id` PRIMARY KEY(`id`),
	CONSTRAINT `stores_code_uq` UNIQUE(`code`)
);
--> statement-breakpoint
CREATE TABLE `staff` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`member_id` bigint unsigned NOT NULL,
	`store_id` bigint unsigned,
	`role` enum('clerk','manager','admin') NOT NULL,
	`status` enum('active','disabled') NOT NULL DEFAULT 'active',
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `staff_id` PRIMARY KEY(`id`),
	CONSTRAINT `staff_member_uq` UNIQUE(`member_id`)
);
--> statement-breakpoint
CREATE TABLE `staff_audit_log` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`staff_id` bigint unsigned NOT NULL,
	`store_id` bigint unsigned,
	`action` varchar(48) NOT NULL,
	`target_type` varchar(32) NOT NULL,
	`target_id` varchar(64) NOT NULL,
	`detail` json,
	`user_agent` varchar(255),
	`ip` varchar(64),
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `staff_audit_log_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `categories` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`parent_id` bigint unsigned,
	`name` varchar(32) NOT NULL,
	`icon_url` varchar(512) NOT NULL DEFAULT '',
	`sort` int NOT NULL DEFAULT 0,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `categories_id` PRIMARY KEY(`id`),
	CONSTRAINT `categories_parent_name_uq` UNIQUE(`parent_id`,`name`)
);
--> statement-breakpoint
CREATE TABLE `products` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`spu` varchar(32) NOT NULL,
	`category_id` bigint unsigned NOT NULL,
	`brand` varchar(64) NOT NULL,
	`title` varchar(128) NOT NULL,
	`subtitle` varchar(255) NOT NULL DEFAULT '',
	`description` text,
	`images` json NOT NULL,
	`specs` json NOT NULL,
	`status` enum('on_sale','off_shelf') NOT NULL DEFAULT 'on_sale',
	`min_price_fen` int NOT NULL,
	`sales_count` int NOT NULL DEFAULT 0,
	`search_text` varchar(2048) NOT NULL DEFAULT '',
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `products_id` PRIMARY KEY(`id`),
	CONSTRAINT `products_spu_uq` UNIQUE(`spu`)
);
--> statement-breakpoint
CREATE TABLE `skus` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`product_id` bigint unsigned NOT NULL,
	`sku_code` varchar(48) NOT NULL,
	`barcode` varchar(32) NOT NULL,
	`spec_values` json NOT NULL,
	`price_fen` int NOT NULL,
	`list_price_fen` int,
	`image_url` varchar(512),
	`status` enum('active','disabled') NOT NULL DEFAULT 'active',
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `skus_id` PRIMARY KEY(`id`),
	CONSTRAINT `skus_code_uq` UNIQUE(`sku_code`),
	CONSTRAINT `skus_barcode_uq` UNIQUE(`barcode`)
);
--> statement-breakpoint
CREATE TABLE `inventory` (
	`sku_id` bigint unsigned NOT NULL,
	`store_id` bigint unsigned NOT NULL,
	`on_hand` int NOT NULL DEFAULT 0,
	`reserved` int NOT NULL DEFAULT 0,
	`safety_stock` int NOT NULL DEFAULT 0,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `inventory_sku_id_store_id_pk` PRIMARY KEY(`sku_id`,`store_id`),
	CONSTRAINT `inventory_on_hand_nonneg` CHECK(`inventory`.`on_hand` >= 0),
	CONSTRAINT `inventory_reserved_range` CHECK(`inventory`.`reserved` >= 0 AND `inventory`.`reserved` <= `inventory`.`on_hand`),
	CONSTRAINT `inventory_safety_nonneg` CHECK(`inventory`.`safety_stock` >= 0)
);
--> statement-breakpoint
CREATE TABLE `inventory_ledger` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`sku_id` bigint unsigned NOT NULL,
	`store_id` bigint unsigned NOT NULL,
	`kind` enum('receive','reserve','release','commit','offline_sale','adjust','transfer_out','transfer_in','refund_restock') NOT NULL,
	`on_hand_delta` int NOT NULL,
	`reserved_delta` int NOT NULL,
	`reference` varchar(64) NOT NULL,
	`actor_type` enum('system','member','staff') NOT NULL,
	`actor_id` bigint unsigned,
	`note` varchar(255),
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `inventory_ledger_id` PRIMARY KEY(`id`),
	CONSTRAINT `inventory_ledger_ref_uq` UNIQUE(`kind`,`reference`,`sku_id`,`store_id`)
);
--> statement-breakpoint
CREATE TABLE `cart_items` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`member_id` bigint unsigned NOT NULL,
	`sku_id` bigint unsigned NOT NULL,
	`qty` int NOT NULL,
	`selected` boolean NOT NULL DEFAULT true,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `cart_items_id` PRIMARY KEY(`id`),
	CONSTRAINT `cart_items_member_sku_uq` UNIQUE(`member_id`,`sku_id`)
);
--> statement-breakpoint
CREATE TABLE `order_events` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`order_id` bigint unsigned NOT NULL,
	`from_status` enum('pending_payment','paid','awaiting_group','preparing','ready_for_pickup','completed','cancelled','refunded'),
	`to_status` enum('pending_payment','paid','awaiting_group','preparing','ready_for_pickup','completed','cancelled','refunded') NOT NULL,
	`actor_type` enum('system','member','staff','wechat') NOT NULL,
	`actor_id` bigint unsigned,
	`reason` varchar(64),
	`detail` json,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `order_events_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `order_lines` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`order_id` bigint unsigned NOT NULL,
	`sku_id` bigint unsigned NOT NULL,
	`product_id` bigint unsigned NOT NULL,
	`title` varchar(128) NOT NULL,
	`spec_text` varchar(128) NOT NULL DEFAULT '',
	`image_url` varchar(512) NOT NULL DEFAULT '',
	`qty` int NOT NULL,
	`unit_price_fen` int NOT NULL,
	`activity_price_fen` int,
	`member_discount_fen` int NOT NULL DEFAULT 0,
	`promotion_share_fen` int NOT NULL DEFAULT 0,
	`coupon_share_fen` int NOT NULL DEFAULT 0,
	`payable_fen` int NOT NULL,
	`refunded_qty` int NOT NULL DEFAULT 0,
	`refunded_fen` int NOT NULL DEFAULT 0,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `order_lines_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `orders` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`order_no` varchar(32) NOT NULL,
	`member_id` bigint unsigned,
	`store_id` bigint unsigned NOT NULL,
	`channel` enum('online','offline','live') NOT NULL,
	`fulfillment` enum('pickup','in_store') NOT NULL,
	`status` enum('pending_payment','paid','awaiting_group','preparing','ready_for_pickup','completed','cancelled','refunded') NOT NULL,
	`idempotency_key` varchar(64),
	`activity_type` enum('group','flash','live'),
	`activity_id` bigint unsigned,
	`group_id` bigint unsigned,
	`live_room_id` bigint unsigned,
	`sharer_id` bigint unsigned,
	`staff_id` bigint unsigned,
	`items_total_fen` int NOT NULL,
	`member_discount_fen` int NOT NULL DEFAULT 0,
	`promotion_discount_fen` int NOT NULL DEFAULT 0,
	`coupon_discount_fen` int NOT NULL DEFAULT 0,
	`payable_fen` int NOT NULL,
	`paid_fen` int NOT NULL DEFAULT 0,
	`refunded_fen` int NOT NULL DEFAULT 0,
	`user_coupon_id` bigint unsigned,
	`promotion_id` bigint unsigned,
	`tier_code_at_order` varchar(16),
	`remark` varchar(255),
	`flagged_reason` varchar(255),
	`pay_deadline` datetime(3),
	`paid_at` datetime(3),
	`ready_at` datetime(3),
	`completed_at` datetime(3),
	`cancelled_at` datetime(3),
	`cancel_reason` varchar(64),
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `orders_id` PRIMARY KEY(`id`),
	CONSTRAINT `orders_no_uq` UNIQUE(`order_no`),
	CONSTRAINT `orders_idempotency_uq` UNIQUE(`member_id`,`idempotency_key`)
);
--> statement-breakpoint
CREATE TABLE `pickup_codes` (
	`order_id` bigint unsigned NOT NULL,
	`store_id` bigint unsigned NOT NULL,
	`code_hash` varchar(64) NOT NULL,
	`open_code_hash` varchar(64),
	`status` enum('open','used','void') NOT NULL DEFAULT 'open',
	`verified_by_staff_id` bigint unsigned,
	`verified_at` datetime(3),
	`reminder_count` int NOT NULL DEFAULT 0,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `pickup_codes_order_id` PRIMARY KEY(`order_id`),
	CONSTRAINT `pickup_codes_store_open_uq` UNIQUE(`store_id`,`open_code_hash`)
);
--> statement-breakpoint
CREATE TABLE `payments` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`order_id` bigint unsigned NOT NULL,
	`out_trade_no` varchar(32) NOT NULL,
	`method` enum('wechat','offline_cash','offline_wechat') NOT NULL,
	`amount_fen` int NOT NULL,
	`status` enum('pending','paid','closed','flagged') NOT NULL DEFAULT 'pending',
	`prepay_id` varchar(64),
	`prepay_expires_at` datetime(3),
	`transaction_id` varchar(32),
	`payer_openid` varchar(64),
	`settlement` json,
	`paid_at` datetime(3),
	`closed_at` datetime(3),
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `payments_id` PRIMARY KEY(`id`),
	CONSTRAINT `payments_out_trade_no_uq` UNIQUE(`out_trade_no`)
);
--> statement-breakpoint
CREATE TABLE `refund_lines` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`refund_id` bigint unsigned NOT NULL,
	`order_line_id` bigint unsigned NOT NULL,
	`qty` int NOT NULL,
	`amount_fen` int NOT NULL,
	CONSTRAINT `refund_lines_id` PRIMARY KEY(`id`),
	CONSTRAINT `refund_lines_refund_line_uq` UNIQUE(`refund_id`,`order_line_id`)
);
--> statement-breakpoint
CREATE TABLE `refunds` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`order_id` bigint unsigned NOT NULL,
	`out_refund_no` varchar(64) NOT NULL,
	`amount_fen` int NOT NULL,
	`reason` varchar(255) NOT NULL,
	`source` varchar(32) NOT NULL,
	`status` enum('requested','approved','rejected','processing','succeeded','failed') NOT NULL,
	`wechat_status` varchar(16),
	`wechat_refund_id` varchar(64),
	`attempts` int NOT NULL DEFAULT 0,
	`next_attempt_at` datetime(3),
	`last_error` varchar(255),
	`requested_by_member_id` bigint unsigned,
	`decided_by_staff_id` bigint unsigned,
	`decided_at` datetime(3),
	`decision_note` varchar(255),
	`respond_by` datetime(3),
	`succeeded_at` datetime(3),
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `refunds_id` PRIMARY KEY(`id`),
	CONSTRAINT `refunds_out_refund_no_uq` UNIQUE(`out_refund_no`)
);
--> statement-breakpoint
CREATE TABLE `coupon_templates` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`code` varchar(32) NOT NULL,
	`name` varchar(64) NOT NULL,
	`kind` enum('threshold','percent','no_threshold') NOT NULL,
	`amount_off_fen` int,
	`percent` tinyint unsigned,
	`max_discount_fen` int,
	`threshold_fen` int NOT NULL DEFAULT 0,
	`scope` enum('all','categories','products') NOT NULL DEFAULT 'all',
	`scope_ids` json NOT NULL,
	`channel` enum('online','offline','both') NOT NULL DEFAULT 'both',
	`source` enum('center','new_customer','monthly','birthday','points','store_qr','live') NOT NULL,
	`validity` enum('fixed','relative') NOT NULL,
	`valid_from` datetime(3),
	`valid_to` datetime(3),
	`valid_days` int,
	`total_quantity` int NOT NULL,
	`issued_count` int NOT NULL DEFAULT 0,
	`per_user_limit` int NOT NULL DEFAULT 1,
	`status` enum('active','paused','ended') NOT NULL DEFAULT 'active',
	`description` varchar(255) NOT NULL DEFAULT '',
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `coupon_templates_id` PRIMARY KEY(`id`),
	CONSTRAINT `coupon_templates_code_uq` UNIQUE(`code`)
);
--> statement-breakpoint
CREATE TABLE `points_exchange_items` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`template_id` bigint unsigned NOT NULL,
	`points_cost` int NOT NULL,
	`stock` int NOT NULL,
	`sort` int NOT NULL DEFAULT 0,
	`status` enum('active','paused') NOT NULL DEFAULT 'active',
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `points_exchange_items_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `user_coupons` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`template_id` bigint unsigned NOT NULL,
	`member_id` bigint unsigned NOT NULL,
	`code` varchar(32) NOT NULL,
	`status` enum('available','locked','used','expired') NOT NULL DEFAULT 'available',
	`valid_from` datetime(3) NOT NULL,
	`valid_to` datetime(3) NOT NULL,
	`issue_key` varchar(64) NOT NULL,
	`locked_order_id` bigint unsigned,
	`used_order_id` bigint unsigned,
	`used_channel` enum('online','offline'),
	`used_at` datetime(3),
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `user_coupons_id` PRIMARY KEY(`id`),
	CONSTRAINT `user_coupons_code_uq` UNIQUE(`code`),
	CONSTRAINT `user_coupons_issue_uq` UNIQUE(`member_id`,`template_id`,`issue_key`)
);
--> statement-breakpoint
CREATE TABLE `promotions` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`code` varchar(32) NOT NULL,
	`name` varchar(64) NOT NULL,
	`kind` enum('threshold_off') NOT NULL,
	`tiers` json NOT NULL,
	`scope` enum('all','categories','products') NOT NULL DEFAULT 'all',
	`scope_ids` json NOT NULL,
	`channel` enum('online','offline','both') NOT NULL DEFAULT 'both',
	`starts_at` datetime(3) NOT NULL,
	`ends_at` datetime(3) NOT NULL,
	`status` enum('active','paused') NOT NULL DEFAULT 'active',
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `promotions_id` PRIMARY KEY(`id`),
	CONSTRAINT `promotions_code_uq` UNIQUE(`code`)
);
--> statement-breakpoint
CREATE TABLE `group_campaigns` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`code` varchar(32) NOT NULL,
	`title` varchar(64) NOT NULL,
	`product_id` bigint unsigned NOT NULL,
	`sku_id` bigint unsigned NOT NULL,
	`group_price_fen` int NOT NULL,
	`leader_price_fen` int,
	`group_size` int NOT NULL,
	`fill_seconds` int NOT NULL DEFAULT 86400,
	`starts_at` datetime(3) NOT NULL,
	`ends_at` datetime(3) NOT NULL,
	`allocated_stock` int NOT NULL,
	`used_stock` int NOT NULL DEFAULT 0,
	`per_user_limit` int NOT NULL DEFAULT 1,
	`new_customers_only` boolean NOT NULL DEFAULT false,
	`status` enum('active','paused','ended') NOT NULL DEFAULT 'active',
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `group_campaigns_id` PRIMARY KEY(`id`),
	CONSTRAINT `group_campaigns_code_uq` UNIQUE(`code`)
);
--> statement-breakpoint
CREATE TABLE `group_members` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`group_id` bigint unsigned NOT NULL,
	`member_id` bigint unsigned NOT NULL,
	`order_id` bigint unsigned NOT NULL,
	`is_leader` boolean NOT NULL DEFAULT false,
	`status` enum('held','paid','released','refunded') NOT NULL DEFAULT 'held',
	`invited_by` bigint unsigned,
	`paid_at` datetime(3),
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `group_members_id` PRIMARY KEY(`id`),
	CONSTRAINT `group_members_group_member_uq` UNIQUE(`group_id`,`member_id`),
	CONSTRAINT `group_members_order_uq` UNIQUE(`order_id`)
);
--> statement-breakpoint
CREATE TABLE `buy_groups` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`campaign_id` bigint unsigned NOT NULL,
	`leader_member_id` bigint unsigned NOT NULL,
	`status` enum('pending','open','succeeded','failed') NOT NULL DEFAULT 'pending',
	`group_size` int NOT NULL,
	`seats_taken` int NOT NULL DEFAULT 1,
	`paid_count` int NOT NULL DEFAULT 0,
	`expires_at` datetime(3),
	`succeeded_at` datetime(3),
	`failed_at` datetime(3),
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `buy_groups_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `flash_sales` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`code` varchar(32) NOT NULL,
	`title` varchar(64) NOT NULL,
	`product_id` bigint unsigned NOT NULL,
	`sku_id` bigint unsigned NOT NULL,
	`price_fen` int NOT NULL,
	`starts_at` datetime(3) NOT NULL,
	`ends_at` datetime(3) NOT NULL,
	`allocated_stock` int NOT NULL,
	`sold_count` int NOT NULL DEFAULT 0,
	`per_user_limit` int NOT NULL DEFAULT 1,
	`status` enum('active','paused','ended') NOT NULL DEFAULT 'active',
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `flash_sales_id` PRIMARY KEY(`id`),
	CONSTRAINT `flash_sales_code_uq` UNIQUE(`code`)
);
--> statement-breakpoint
CREATE TABLE `live_coupon_drops` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`live_room_id` bigint unsigned NOT NULL,
	`template_id` bigint unsigned NOT NULL,
	`drop_at` datetime(3) NOT NULL,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `live_coupon_drops_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `live_products` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`live_room_id` bigint unsigned NOT NULL,
	`product_id` bigint unsigned NOT NULL,
	`sku_id` bigint unsigned,
	`live_price_fen` int,
	`sort` int NOT NULL DEFAULT 0,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `live_products_id` PRIMARY KEY(`id`),
	CONSTRAINT `live_products_room_product_uq` UNIQUE(`live_room_id`,`product_id`,`sku_id`)
);
--> statement-breakpoint
CREATE TABLE `live_rooms` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`code` varchar(32) NOT NULL,
	`title` varchar(64) NOT NULL,
	`cover_url` varchar(512) NOT NULL,
	`host_name` varchar(32) NOT NULL,
	`description` varchar(255) NOT NULL DEFAULT '',
	`starts_at` datetime(3) NOT NULL,
	`ends_at` datetime(3) NOT NULL,
	`status` enum('scheduled','live','ended') NOT NULL DEFAULT 'scheduled',
	`finder_user_name` varchar(64),
	`feed_id` varchar(128),
	`legacy_room_id` int,
	`store_id` bigint unsigned,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `live_rooms_id` PRIMARY KEY(`id`),
	CONSTRAINT `live_rooms_code_uq` UNIQUE(`code`)
);
--> statement-breakpoint
CREATE TABLE `attribution_visits` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`sharer_id` bigint unsigned,
	`visitor_member_id` bigint unsigned,
	`target_type` enum('product','group','live','coupon','store') NOT NULL,
	`target_id` bigint unsigned NOT NULL,
	`scene` varchar(8),
	`live_room_id` bigint unsigned,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `attribution_visits_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `share_events` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`sharer_id` bigint unsigned NOT NULL,
	`target_type` enum('product','group','live','coupon','store') NOT NULL,
	`target_id` bigint unsigned NOT NULL,
	`medium` enum('card','qrcode','poster','link') NOT NULL,
	`path` varchar(255) NOT NULL,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `share_events_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `outbox` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`topic` varchar(64) NOT NULL,
	`dedupe_key` varchar(128) NOT NULL,
	`payload` json NOT NULL,
	`status` enum('pending','done','dead') NOT NULL DEFAULT 'pending',
	`attempts` int NOT NULL DEFAULT 0,
	`next_attempt_at` datetime(3) NOT NULL,
	`last_error` varchar(255),
	`processed_at` datetime(3),
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `outbox_id` PRIMARY KEY(`id`),
	CONSTRAINT `outbox_dedupe_uq` UNIQUE(`dedupe_key`)
);
--> statement-breakpoint
CREATE INDEX `members_unionid_idx` ON `members` (`unionid`);--> statement-breakpoint
CREATE INDEX `members_phone_idx` ON `members` (`phone`);--> statement-breakpoint
CREATE INDEX `members_birthday_idx` ON `members` (`birthday`);--> statement-breakpoint
CREATE INDEX `points_ledger_member_idx` ON `points_ledger` (`member_id`,`id`);--> statement-breakpoint
CREATE INDEX `staff_store_idx` ON `staff` (`store_id`);--> statement-breakpoint
CREATE INDEX `staff_audit_store_idx` ON `staff_audit_log` (`store_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `staff_audit_target_idx` ON `staff_audit_log` (`target_type`,`target_id`);--> statement-breakpoint
CREATE INDEX `categories_parent_idx` ON `categories` (`parent_id`,`sort`);--> statement-breakpoint
CREATE INDEX `products_category_idx` ON `products` (`category_id`,`status`,`sales_count`);--> statement-breakpoint
CREATE INDEX `products_status_price_idx` ON `products` (`status`,`min_price_fen`);--> statement-breakpoint
CREATE INDEX `products_status_created_idx` ON `products` (`status`,`created_at`);--> statement-breakpoint
CREATE INDEX `products_brand_idx` ON `products` (`brand`);--> statement-breakpoint
CREATE INDEX `skus_product_idx` ON `skus` (`product_id`);--> statement-breakpoint
CREATE INDEX `inventory_store_idx` ON `inventory` (`store_id`);--> statement-breakpoint
CREATE INDEX `inventory_ledger_sku_store_idx` ON `inventory_ledger` (`sku_id`,`store_id`,`kind`,`created_at`);--> statement-breakpoint
CREATE INDEX `cart_items_member_idx` ON `cart_items` (`member_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `order_events_order_idx` ON `order_events` (`order_id`,`id`);--> statement-breakpoint
CREATE INDEX `order_lines_order_idx` ON `order_lines` (`order_id`);--> statement-breakpoint
CREATE INDEX `order_lines_sku_idx` ON `order_lines` (`sku_id`);--> statement-breakpoint
CREATE INDEX `orders_member_status_idx` ON `orders` (`member_id`,`status`,`created_at`);--> statement-breakpoint
CREATE INDEX `orders_store_status_idx` ON `orders` (`store_id`,`status`,`created_at`);--> statement-breakpoint
CREATE INDEX `orders_status_deadline_idx` ON `orders` (`status`,`pay_deadline`);--> statement-breakpoint
CREATE INDEX `orders_group_idx` ON `orders` (`group_id`);--> statement-breakpoint
CREATE INDEX `orders_live_room_idx` ON `orders` (`live_room_id`);--> statement-breakpoint
CREATE INDEX `payments_order_idx` ON `payments` (`order_id`);--> statement-breakpoint
CREATE INDEX `payments_status_created_idx` ON `payments` (`status`,`created_at`);--> statement-breakpoint
CREATE INDEX `refund_lines_refund_idx` ON `refund_lines` (`refund_id`);--> statement-breakpoint
CREATE INDEX `refunds_order_idx` ON `refunds` (`order_id`);--> statement-breakpoint
CREATE INDEX `refunds_status_next_idx` ON `refunds` (`status`,`next_attempt_at`);--> statement-breakpoint
CREATE INDEX `coupon_templates_source_idx` ON `coupon_templates` (`source`,`status`);--> statement-breakpoint
CREATE INDEX `points_exchange_status_idx` ON `points_exchange_items` (`status`,`sort`);--> statement-breakpoint
CREATE INDEX `user_coupons_member_status_idx` ON `user_coupons` (`member_id`,`status`,`valid_to`);--> statement-breakpoint
CREATE INDEX `user_coupons_template_member_idx` ON `user_coupons` (`template_id`,`member_id`);--> statement-breakpoint
CREATE INDEX `promotions_window_idx` ON `promotions` (`status`,`starts_at`,`ends_at`);--> statement-breakpoint
CREATE INDEX `group_campaigns_product_idx` ON `group_campaigns` (`product_id`,`status`);--> statement-breakpoint
CREATE INDEX `group_members_member_idx` ON `group_members` (`member_id`,`status`);--> statement-breakpoint
CREATE INDEX `groups_campaign_status_idx` ON `buy_groups` (`campaign_id`,`status`,`expires_at`);--> statement-breakpoint
CREATE INDEX `groups_status_expires_idx` ON `buy_groups` (`status`,`expires_at`);--> statement-breakpoint
CREATE INDEX `flash_sales_window_idx` ON `flash_sales` (`status`,`starts_at`,`ends_at`);--> statement-breakpoint
CREATE INDEX `live_coupon_drops_room_idx` ON `live_coupon_drops` (`live_room_id`,`drop_at`);--> statement-breakpoint
CREATE INDEX `live_products_product_idx` ON `live_products` (`product_id`);--> statement-breakpoint
CREATE INDEX `live_rooms_status_starts_idx` ON `live_rooms` (`status`,`starts_at`);--> statement-breakpoint
CREATE INDEX `attribution_visits_target_idx` ON `attribution_visits` (`target_type`,`target_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `attribution_visits_sharer_idx` ON `attribution_visits` (`sharer_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `attribution_visits_visitor_idx` ON `attribution_visits` (`visitor_member_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `share_events_sharer_idx` ON `share_events` (`sharer_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `share_events_target_idx` ON `share_events` (`target_type`,`target_id`);--> statement-breakpoint
CREATE INDEX `outbox_status_next_idx` ON `outbox` (`status`,`next_attempt_at`);