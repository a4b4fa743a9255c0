CREATE TABLE `status_changes` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`entity` varchar(32) NOT NULL,
	`entity_id` bigint unsigned NOT NULL,
	`from_status` varchar(32),
	`to_status` varchar(32) NOT NULL,
	`event` varchar(32) NOT NULL,
	`actor_type` enum('system','member','staff','wechat') NOT NULL,
	`actor_id` bigint unsigned,
	`at` datetime(3) NOT NULL,
	CONSTRAINT `status_changes_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE INDEX `status_changes_entity_idx` ON `status_changes` (`entity`,`entity_id`);