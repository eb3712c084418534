CREATE TABLE `facility_licences` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`uid` text DEFAULT '' NOT NULL,
	`facility_id` integer NOT NULL,
	`kind` text NOT NULL,
	`number` text DEFAULT '' NOT NULL,
	`issued_on` text NOT NULL,
	`expires_on` text,
	`note` text DEFAULT '' NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`facility_id`) REFERENCES `facilities`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "facility_licences_kind" CHECK("facility_licences"."kind" IN ('fire_safety', 'food', 'medical', 'medical_contract', 'liability_insurance')),
	CONSTRAINT "facility_licences_issued" CHECK("facility_licences"."issued_on" GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
	CONSTRAINT "facility_licences_expires" CHECK("facility_licences"."expires_on" IS NULL OR ("facility_licences"."expires_on" GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]' AND "facility_licences"."expires_on" >= "facility_licences"."issued_on"))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `facility_licences_uid_unique` ON `facility_licences` (`uid`);--> statement-breakpoint
CREATE INDEX `facility_licences_facility` ON `facility_licences` (`facility_id`,`kind`);--> statement-breakpoint
ALTER TABLE `facilities` ADD `credit_code` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `facilities` ADD `legal_rep` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `facilities` ADD `legal_rep_phone` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `facilities` ADD `registration` text DEFAULT 'unknown' NOT NULL;--> statement-breakpoint
ALTER TABLE `facilities` ADD `registration_authority` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `facilities` ADD `registered_on` text;--> statement-breakpoint
ALTER TABLE `facilities` ADD `filed_on` text;--> statement-breakpoint
ALTER TABLE `facilities` ADD `founder` text;--> statement-breakpoint
ALTER TABLE `facilities` ADD `building_area` real;--> statement-breakpoint
ALTER TABLE `facilities` ADD `land_area` real;--> statement-breakpoint
ALTER TABLE `facilities` ADD `admission_targets` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `facilities` ADD `bed_fee_min_fen` integer;--> statement-breakpoint
ALTER TABLE `facilities` ADD `bed_fee_max_fen` integer;--> statement-breakpoint
ALTER TABLE `facilities` ADD `care_fee_min_fen` integer;--> statement-breakpoint
ALTER TABLE `facilities` ADD `care_fee_max_fen` integer;--> statement-breakpoint
ALTER TABLE `facilities` ADD `meal_fee_min_fen` integer;--> statement-breakpoint
ALTER TABLE `facilities` ADD `meal_fee_max_fen` integer;--> statement-breakpoint
ALTER TABLE `facilities` ADD `resident_deposit_fen` integer;--> statement-breakpoint
ALTER TABLE `facilities` ADD `tekun_institution` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `facilities` ADD `glory_home` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `facilities` ADD `regional_centre` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `facilities` ADD `latitude` real;--> statement-breakpoint
ALTER TABLE `facilities` ADD `longitude` real;--> statement-breakpoint
-- a licence inserted by raw SQL without a uid gets a UUIDv7, as every shared table (migration 0005)
CREATE TRIGGER `facility_licences_uid_default` AFTER INSERT ON `facility_licences` WHEN NEW.`uid` = '' BEGIN
  UPDATE `facility_licences` SET `uid` = lower(substr(printf('%012x', CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)), 1, 8) || '-' || substr(printf('%012x', CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)), 9, 4) || '-7' || substr(hex(randomblob(2)), 2, 3) || '-' || substr('89ab', 1 + abs(random() % 4), 1) || substr(hex(randomblob(2)), 2, 3) || '-' || hex(randomblob(6))) WHERE `id` = NEW.`id`;
END;
