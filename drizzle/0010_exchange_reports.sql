CREATE TABLE `exchange_reports` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`origin` text NOT NULL,
	`made_at` text NOT NULL,
	`seq` integer NOT NULL,
	`received_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`via` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `exchange_reports_made` ON `exchange_reports` (`origin`,`made_at`);--> statement-breakpoint
CREATE INDEX `exchange_reports_received` ON `exchange_reports` (`origin`,`received_at`);