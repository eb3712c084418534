CREATE TABLE `access_refusals` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer,
	`username` text NOT NULL,
	`procedure` text NOT NULL,
	`hour` text NOT NULL,
	`code` text NOT NULL,
	`count` integer DEFAULT 1 NOT NULL,
	`first_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`last_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`last_message` text DEFAULT '' NOT NULL,
	CONSTRAINT "access_refusals_hour" CHECK("access_refusals"."hour" GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9] [0-2][0-9]'),
	CONSTRAINT "access_refusals_count" CHECK("access_refusals"."count" > 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `access_refusals_key` ON `access_refusals` (`username`,`procedure`,`hour`,`code`);--> statement-breakpoint
CREATE INDEX `access_refusals_by_hour` ON `access_refusals` (`hour`);