CREATE TABLE `change_capture_off` (
	`id` integer PRIMARY KEY NOT NULL,
	CONSTRAINT "change_capture_off_one" CHECK("change_capture_off"."id" = 1)
);
--> statement-breakpoint
CREATE TABLE `change_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`origin` text NOT NULL,
	`seq` integer NOT NULL,
	`txn` integer,
	`last` integer DEFAULT false NOT NULL,
	`tbl` text NOT NULL,
	`row_uid` text NOT NULL,
	`op` text NOT NULL,
	`before` text,
	`after` text,
	`owner` text,
	`audience` text,
	`at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`state` text DEFAULT 'local' NOT NULL,
	`reason` text,
	`via` text,
	`received_at` text,
	CONSTRAINT "change_log_op" CHECK("change_log"."op" IN ('insert', 'update', 'delete')),
	CONSTRAINT "change_log_state" CHECK("change_log"."state" IN ('local', 'pending', 'applied', 'refused')),
	CONSTRAINT "change_log_seq" CHECK("change_log"."seq" > 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `change_log_origin_seq` ON `change_log` (`origin`,`seq`);--> statement-breakpoint
CREATE INDEX `change_log_row` ON `change_log` (`tbl`,`row_uid`);--> statement-breakpoint
CREATE INDEX `change_log_pending` ON `change_log` (`state`,`origin`,`seq`);--> statement-breakpoint
CREATE INDEX `change_log_unsealed` ON `change_log` (`origin`) WHERE "change_log"."txn" IS NULL;--> statement-breakpoint
CREATE TABLE `enrolments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`level` text NOT NULL,
	`region_code` text NOT NULL,
	`facility_uid` text,
	`secret` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`used_by` text,
	`used_at` text,
	CONSTRAINT "enrolments_level" CHECK("enrolments"."level" IN ('province', 'city', 'county', 'facility'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `enrolments_secret_unique` ON `enrolments` (`secret`);--> statement-breakpoint
CREATE TABLE `exchange_progress` (
	`origin` text PRIMARY KEY NOT NULL,
	`through` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `exchange_ranges` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`origin` text NOT NULL,
	`after` integer NOT NULL,
	`through` integer NOT NULL,
	CONSTRAINT "exchange_ranges_order" CHECK("exchange_ranges"."through" > "exchange_ranges"."after")
);
--> statement-breakpoint
CREATE INDEX `exchange_ranges_origin` ON `exchange_ranges` (`origin`,`after`);--> statement-breakpoint
CREATE TABLE `install_identity` (
	`id` integer PRIMARY KEY NOT NULL,
	`uid` text NOT NULL,
	`level` text NOT NULL,
	`region_code` text NOT NULL,
	`facility_uid` text,
	`public_key` text NOT NULL,
	`private_key` text NOT NULL,
	`box_public_key` text NOT NULL,
	`box_private_key` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	CONSTRAINT "install_identity_one" CHECK("install_identity"."id" = 1),
	CONSTRAINT "install_identity_level" CHECK("install_identity"."level" IN ('province', 'city', 'county', 'facility')),
	CONSTRAINT "install_identity_facility" CHECK(("install_identity"."level" = 'facility') = ("install_identity"."facility_uid" IS NOT NULL))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `install_identity_uid_unique` ON `install_identity` (`uid`);--> statement-breakpoint
CREATE TABLE `installs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`uid` text NOT NULL,
	`level` text NOT NULL,
	`region_code` text NOT NULL,
	`facility_uid` text,
	`public_key` text NOT NULL,
	`box_public_key` text NOT NULL,
	`enrolled_by` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	CONSTRAINT "installs_level" CHECK("installs"."level" IN ('province', 'city', 'county', 'facility')),
	CONSTRAINT "installs_facility" CHECK(("installs"."level" = 'facility') = ("installs"."facility_uid" IS NOT NULL))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `installs_uid_unique` ON `installs` (`uid`);--> statement-breakpoint
CREATE INDEX `installs_place` ON `installs` (`level`,`region_code`);--> statement-breakpoint
CREATE INDEX `installs_facility` ON `installs` (`facility_uid`);--> statement-breakpoint
CREATE TABLE `peer_acks` (
	`peer` text NOT NULL,
	`origin` text NOT NULL,
	`seq` integer NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `peer_acks_key` ON `peer_acks` (`peer`,`origin`);--> statement-breakpoint
DROP INDEX `stays_open_resident`;--> statement-breakpoint
CREATE INDEX `stays_open_resident` ON `stays` (`resident_id`) WHERE "stays"."discharged_on" IS NULL AND "stays"."residential" = 1;