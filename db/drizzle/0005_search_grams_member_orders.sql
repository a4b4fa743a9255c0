CREATE TABLE `product_search_grams` (
	`gram` varchar(2) NOT NULL,
	`product_id` bigint unsigned NOT NULL,
	CONSTRAINT `product_search_grams_pk` PRIMARY KEY(`gram`,`product_id`)
);
--> statement-breakpoint
DROP INDEX `orders_member_status_idx` ON `orders`;--> statement-breakpoint
CREATE INDEX `product_search_grams_product_idx` ON `product_search_grams` (`product_id`);--> statement-breakpoint
CREATE INDEX `orders_member_recent_idx` ON `orders` (`member_id`,`id`);--> statement-breakpoint
CREATE INDEX `orders_member_status_idx` ON `orders` (`member_id`,`status`,`id`);--> statement-breakpoint
-- Backfill: every character and every pair of neighbouring characters of each space-separated
-- term of products.search_text, the same set searchGrams() writes (positions 1…3000 from a digits
-- cross join rather than a recursive CTE, which MySQL 8 caps at 1,000 levels by default).
INSERT IGNORE INTO `product_search_grams` (`gram`, `product_id`)
SELECT DISTINCT SUBSTRING(p.`search_text`, n.i, k.len), p.`id`
FROM `products` p
JOIN (
  SELECT a.d + 10 * b.d + 100 * c.d + 1000 * e.d + 1 AS i
  FROM (SELECT 0 AS d UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4 UNION ALL SELECT 5 UNION ALL SELECT 6 UNION ALL SELECT 7 UNION ALL SELECT 8 UNION ALL SELECT 9) a
  CROSS JOIN (SELECT 0 AS d UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4 UNION ALL SELECT 5 UNION ALL SELECT 6 UNION ALL SELECT 7 UNION ALL SELECT 8 UNION ALL SELECT 9) b
  CROSS JOIN (SELECT 0 AS d UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4 UNION ALL SELECT 5 UNION ALL SELECT 6 UNION ALL SELECT 7 UNION ALL SELECT 8 UNION ALL SELECT 9) c
  CROSS JOIN (SELECT 0 AS d UNION ALL SELECT 1 UNION ALL SELECT 2) e
) n ON n.i <= CHAR_LENGTH(p.`search_text`)
CROSS JOIN (SELECT 1 AS len UNION ALL SELECT 2) k
WHERE n.i + k.len - 1 <= CHAR_LENGTH(p.`search_text`)
  AND LOCATE(' ', SUBSTRING(p.`search_text`, n.i, k.len)) = 0;
