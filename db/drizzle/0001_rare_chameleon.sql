ALTER TABLE `group_members` ADD `qty` int DEFAULT 1 NOT NULL;--> statement-breakpoint
CREATE INDEX `orders_activity_member_idx` ON `orders` (`activity_type`,`activity_id`,`member_id`);