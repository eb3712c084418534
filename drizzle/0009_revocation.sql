CREATE TABLE `held_packages` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`sender` text NOT NULL,
	`app` text NOT NULL,
	`reader` integer NOT NULL,
	`hash` text NOT NULL,
	`bytes` blob NOT NULL,
	`held_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `held_packages_hash_unique` ON `held_packages` (`hash`);--> statement-breakpoint
ALTER TABLE `installs` ADD `revoked_at` text;--> statement-breakpoint
ALTER TABLE `installs` ADD `revoked_through` integer;--> statement-breakpoint
ALTER TABLE `installs` ADD `replaces` text;