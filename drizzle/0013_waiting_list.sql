CREATE TABLE `waiting_applications` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`uid` text DEFAULT '' NOT NULL,
	`facility_id` integer NOT NULL,
	`resident_id` integer NOT NULL,
	`applied_on` text NOT NULL,
	`category` text NOT NULL,
	`assessment_level` integer,
	`status` text DEFAULT 'waiting' NOT NULL,
	`closed_on` text,
	`stay_id` integer,
	`withdraw_reason` text DEFAULT '' NOT NULL,
	`note` text DEFAULT '' NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`facility_id`) REFERENCES `facilities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`resident_id`) REFERENCES `residents`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`stay_id`) REFERENCES `stays`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "waiting_applications_category" CHECK("waiting_applications"."category" IN ('tekun', 'dibao', 'low_income', 'shidu', 'youfu', 'other')),
	CONSTRAINT "waiting_applications_status" CHECK("waiting_applications"."status" IN ('waiting', 'admitted', 'withdrawn')),
	CONSTRAINT "waiting_applications_applied" CHECK("waiting_applications"."applied_on" GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
	CONSTRAINT "waiting_applications_level" CHECK("waiting_applications"."assessment_level" IS NULL OR "waiting_applications"."assessment_level" BETWEEN 0 AND 4),
	CONSTRAINT "waiting_applications_closed" CHECK(("waiting_applications"."status" = 'waiting' AND "waiting_applications"."closed_on" IS NULL AND "waiting_applications"."stay_id" IS NULL)
        OR ("waiting_applications"."status" = 'admitted' AND "waiting_applications"."closed_on" GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]' AND "waiting_applications"."closed_on" >= "waiting_applications"."applied_on" AND "waiting_applications"."stay_id" IS NOT NULL)
        OR ("waiting_applications"."status" = 'withdrawn' AND "waiting_applications"."closed_on" GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]' AND "waiting_applications"."closed_on" >= "waiting_applications"."applied_on" AND "waiting_applications"."stay_id" IS NULL))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `waiting_applications_uid_unique` ON `waiting_applications` (`uid`);--> statement-breakpoint
CREATE UNIQUE INDEX `waiting_applications_open` ON `waiting_applications` (`resident_id`,`facility_id`) WHERE "waiting_applications"."status" = 'waiting';--> statement-breakpoint
CREATE INDEX `waiting_applications_facility` ON `waiting_applications` (`facility_id`,`status`);--> statement-breakpoint
-- an application inserted by raw SQL without a uid gets a UUIDv7, as every shared table (migration 0005)
CREATE TRIGGER `waiting_applications_uid_default` AFTER INSERT ON `waiting_applications` WHEN NEW.`uid` = '' BEGIN
  UPDATE `waiting_applications` SET `uid` = lower(substr(printf('%012x', CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)), 1, 8) || '-' || substr(printf('%012x', CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)), 9, 4) || '-7' || substr(hex(randomblob(2)), 2, 3) || '-' || substr('89ab', 1 + abs(random() % 4), 1) || substr(hex(randomblob(2)), 2, 3) || '-' || hex(randomblob(6))) WHERE `id` = NEW.`id`;
END;
