CREATE TABLE `month_closes` (
	`month` text PRIMARY KEY NOT NULL,
	`state` text NOT NULL,
	`closed_at` text,
	`closed_by` text,
	`reopened_at` text,
	`reopened_by` text,
	`reopen_reason` text,
	`snapshot_id` integer,
	FOREIGN KEY (`snapshot_id`) REFERENCES `month_snapshots`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "month_closes_month" CHECK("month_closes"."month" GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]'),
	CONSTRAINT "month_closes_state" CHECK("month_closes"."state" IN ('closed', 'reopened')),
	CONSTRAINT "month_closes_reopen" CHECK("month_closes"."state" = 'closed' OR length(trim(coalesce("month_closes"."reopen_reason", ''))) > 0)
);
--> statement-breakpoint
CREATE TABLE `month_snapshots` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`month` text NOT NULL,
	`taken_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`taken_by` text NOT NULL,
	`data` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `month_snapshots_month` ON `month_snapshots` (`month`,`taken_at`);