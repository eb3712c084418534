CREATE TABLE `assessments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`resident_id` integer NOT NULL,
	`assessed_on` text NOT NULL,
	`standard` text NOT NULL,
	`reason` text NOT NULL,
	`eating` integer,
	`grooming` integer,
	`bathing` integer,
	`dressing_upper` integer,
	`dressing_lower` integer,
	`urinary_control` integer,
	`bowel_control` integer,
	`toileting` integer,
	`bed_position` integer,
	`bed_chair_transfer` integer,
	`walking` integer,
	`stairs` integer,
	`time_orientation` integer,
	`place_orientation` integer,
	`person_orientation` integer,
	`memory` integer,
	`comprehension` integer,
	`expression` integer,
	`aggression` integer,
	`depression` integer,
	`consciousness` integer,
	`vision` integer,
	`hearing` integer,
	`daily_affairs` integer,
	`transportation` integer,
	`social_interaction` integer,
	`coma` integer DEFAULT false NOT NULL,
	`diagnosis` text DEFAULT 'none' NOT NULL,
	`risk_events` integer DEFAULT 0 NOT NULL,
	`total` integer,
	`preliminary_level` integer,
	`final_level` integer NOT NULL,
	`assessor1` text NOT NULL,
	`assessor2` text NOT NULL,
	`note` text DEFAULT '' NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`resident_id`) REFERENCES `residents`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "assessments_date" CHECK("assessments"."assessed_on" GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
	CONSTRAINT "assessments_standard" CHECK("assessments"."standard" IN ('GB/T 42195-2022', 'MZ/T 039-2013')),
	CONSTRAINT "assessments_reason" CHECK("assessments"."reason" IN ('first', 'routine', 'immediate', 'disputed', 'other')),
	CONSTRAINT "assessments_diagnosis" CHECK("assessments"."diagnosis" IN ('none', 'dementia', 'mental')),
	CONSTRAINT "assessments_risk" CHECK("assessments"."risk_events" >= 0),
	CONSTRAINT "assessments_total" CHECK("assessments"."total" IS NULL OR "assessments"."total" BETWEEN 0 AND 90),
	CONSTRAINT "assessments_levels" CHECK(("assessments"."standard" = 'GB/T 42195-2022' AND "assessments"."final_level" BETWEEN 0 AND 4 AND "assessments"."preliminary_level" BETWEEN 0 AND 4 AND "assessments"."total" IS NOT NULL)
        OR ("assessments"."standard" = 'MZ/T 039-2013' AND "assessments"."final_level" BETWEEN 0 AND 3)),
	CONSTRAINT "assessments_items" CHECK((eating IS NULL OR eating BETWEEN 0 AND 4) AND (grooming IS NULL OR grooming BETWEEN 0 AND 4) AND (bathing IS NULL OR bathing BETWEEN 0 AND 4) AND (dressing_upper IS NULL OR dressing_upper BETWEEN 0 AND 4) AND (dressing_lower IS NULL OR dressing_lower BETWEEN 0 AND 4) AND (urinary_control IS NULL OR urinary_control BETWEEN 0 AND 4) AND (bowel_control IS NULL OR bowel_control BETWEEN 0 AND 4) AND (toileting IS NULL OR toileting BETWEEN 0 AND 4) AND (bed_position IS NULL OR bed_position BETWEEN 0 AND 4) AND (bed_chair_transfer IS NULL OR bed_chair_transfer BETWEEN 0 AND 4) AND (walking IS NULL OR walking BETWEEN 0 AND 4) AND (stairs IS NULL OR stairs BETWEEN 0 AND 3) AND (time_orientation IS NULL OR time_orientation BETWEEN 0 AND 4) AND (place_orientation IS NULL OR place_orientation BETWEEN 0 AND 4) AND (person_orientation IS NULL OR person_orientation BETWEEN 0 AND 4) AND (memory IS NULL OR memory BETWEEN 0 AND 4) AND (comprehension IS NULL OR comprehension BETWEEN 0 AND 4) AND (expression IS NULL OR expression BETWEEN 0 AND 4) AND (aggression IS NULL OR aggression BETWEEN 0 AND 1) AND (depression IS NULL OR depression BETWEEN 0 AND 1) AND (consciousness IS NULL OR consciousness BETWEEN 0 AND 2) AND (vision IS NULL OR vision BETWEEN 0 AND 2) AND (hearing IS NULL OR hearing BETWEEN 0 AND 2) AND (daily_affairs IS NULL OR daily_affairs BETWEEN 0 AND 4) AND (transportation IS NULL OR transportation BETWEEN 0 AND 3) AND (social_interaction IS NULL OR social_interaction BETWEEN 0 AND 4))
);
--> statement-breakpoint
CREATE INDEX `assessments_resident` ON `assessments` (`resident_id`,`assessed_on`);--> statement-breakpoint
CREATE TABLE `audit_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`user_id` integer,
	`username` text NOT NULL,
	`action` text NOT NULL,
	`entity` text NOT NULL,
	`entity_id` text,
	`before` text,
	`after` text,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `audit_entity` ON `audit_log` (`entity`,`entity_id`);--> statement-breakpoint
CREATE INDEX `audit_at` ON `audit_log` (`at`);--> statement-breakpoint
CREATE TABLE `beds` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`facility_id` integer NOT NULL,
	`building` text DEFAULT '' NOT NULL,
	`room` text DEFAULT '' NOT NULL,
	`label` text NOT NULL,
	`care_type` text NOT NULL,
	`in_service_from` text NOT NULL,
	`retired_on` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`facility_id`) REFERENCES `facilities`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "beds_care_type" CHECK("beds"."care_type" IN ('nursing', 'general')),
	CONSTRAINT "beds_in_service" CHECK("beds"."in_service_from" GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
	CONSTRAINT "beds_retired" CHECK("beds"."retired_on" IS NULL OR ("beds"."retired_on" GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]' AND "beds"."retired_on" >= "beds"."in_service_from")),
	CONSTRAINT "beds_label" CHECK(length(trim("beds"."label")) > 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `beds_facility_label` ON `beds` (`facility_id`,`building`,`room`,`label`);--> statement-breakpoint
CREATE TABLE `contract_evaluations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`contract_id` integer NOT NULL,
	`year` integer NOT NULL,
	`score` real,
	`result` text NOT NULL,
	`note` text DEFAULT '' NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`contract_id`) REFERENCES `contracts`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "contract_evaluations_result" CHECK("contract_evaluations"."result" IN ('excellent', 'good', 'pass', 'fail')),
	CONSTRAINT "contract_evaluations_score" CHECK("contract_evaluations"."score" IS NULL OR "contract_evaluations"."score" BETWEEN 0 AND 100)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `contract_evaluations_year` ON `contract_evaluations` (`contract_id`,`year`);--> statement-breakpoint
CREATE TABLE `contracts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`facility_id` integer NOT NULL,
	`operator_id` integer NOT NULL,
	`contract_no` text DEFAULT '' NOT NULL,
	`selection_method` text NOT NULL,
	`start_on` text NOT NULL,
	`end_on` text NOT NULL,
	`annual_fee_fen` integer DEFAULT 0 NOT NULL,
	`deposit_fen` integer DEFAULT 0 NOT NULL,
	`reserved_beds` integer DEFAULT 0 NOT NULL,
	`asset_value_fen` integer DEFAULT 0 NOT NULL,
	`terminated_on` text,
	`termination_reason` text DEFAULT '' NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`facility_id`) REFERENCES `facilities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`operator_id`) REFERENCES `operators`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "contracts_method" CHECK("contracts"."selection_method" IN ('open_tender', 'competitive_negotiation', 'competitive_consultation', 'other')),
	CONSTRAINT "contracts_dates" CHECK("contracts"."start_on" GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]' AND "contracts"."end_on" GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]' AND "contracts"."end_on" >= "contracts"."start_on"),
	CONSTRAINT "contracts_terminated" CHECK("contracts"."terminated_on" IS NULL OR ("contracts"."terminated_on" GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]' AND "contracts"."terminated_on" >= "contracts"."start_on")),
	CONSTRAINT "contracts_money" CHECK("contracts"."annual_fee_fen" >= 0 AND "contracts"."deposit_fen" >= 0 AND "contracts"."asset_value_fen" >= 0 AND "contracts"."reserved_beds" >= 0)
);
--> statement-breakpoint
CREATE INDEX `contracts_facility` ON `contracts` (`facility_id`,`start_on`);--> statement-breakpoint
CREATE INDEX `contracts_operator` ON `contracts` (`operator_id`);--> statement-breakpoint
CREATE TABLE `facilities` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`region_code` text NOT NULL,
	`name` text NOT NULL,
	`kind` text NOT NULL,
	`ownership` text NOT NULL,
	`medical_care` integer DEFAULT false NOT NULL,
	`township` text DEFAULT '' NOT NULL,
	`address` text DEFAULT '' NOT NULL,
	`grade` integer,
	`staff_count` integer DEFAULT 0 NOT NULL,
	`care_worker_count` integer DEFAULT 0 NOT NULL,
	`phone` text DEFAULT '' NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`region_code`) REFERENCES `regions`(`code`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "facilities_kind" CHECK("facilities"."kind" IN ('nursing_home', 'support_home', 'day_care', 'mutual_aid', 'activity_centre')),
	CONSTRAINT "facilities_ownership" CHECK("facilities"."ownership" IN ('public', 'public_private', 'private')),
	CONSTRAINT "facilities_medical_care" CHECK("facilities"."medical_care" IN (0, 1)),
	CONSTRAINT "facilities_grade" CHECK("facilities"."grade" IS NULL OR "facilities"."grade" BETWEEN 1 AND 5),
	CONSTRAINT "facilities_staff" CHECK("facilities"."staff_count" >= 0 AND "facilities"."care_worker_count" >= 0),
	CONSTRAINT "facilities_name" CHECK(length(trim("facilities"."name")) > 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `facilities_region_name` ON `facilities` (`region_code`,`name`);--> statement-breakpoint
CREATE INDEX `facilities_kind` ON `facilities` (`kind`);--> statement-breakpoint
CREATE TABLE `facility_status_changes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`facility_id` integer NOT NULL,
	`status` text NOT NULL,
	`effective_on` text NOT NULL,
	`note` text DEFAULT '' NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`facility_id`) REFERENCES `facilities`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "facility_status_status" CHECK("facility_status_changes"."status" IN ('planned', 'construction', 'operating', 'suspended', 'closed')),
	CONSTRAINT "facility_status_date" CHECK("facility_status_changes"."effective_on" GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]')
);
--> statement-breakpoint
CREATE UNIQUE INDEX `facility_status_facility_date` ON `facility_status_changes` (`facility_id`,`effective_on`);--> statement-breakpoint
CREATE TABLE `leaves` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`stay_id` integer NOT NULL,
	`start_on` text NOT NULL,
	`end_on` text,
	`reason` text DEFAULT '' NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`stay_id`) REFERENCES `stays`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "leaves_start" CHECK("leaves"."start_on" GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
	CONSTRAINT "leaves_end" CHECK("leaves"."end_on" IS NULL OR ("leaves"."end_on" GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]' AND "leaves"."end_on" >= "leaves"."start_on"))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `leaves_open_stay` ON `leaves` (`stay_id`) WHERE "leaves"."end_on" IS NULL;--> statement-breakpoint
CREATE INDEX `leaves_stay` ON `leaves` (`stay_id`,`start_on`);--> statement-breakpoint
CREATE TABLE `operators` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`credit_code` text NOT NULL,
	`legal_representative` text DEFAULT '' NOT NULL,
	`contact_person` text DEFAULT '' NOT NULL,
	`phone` text DEFAULT '' NOT NULL,
	`address` text DEFAULT '' NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	CONSTRAINT "operators_credit_code" CHECK(length("operators"."credit_code") = 18),
	CONSTRAINT "operators_name" CHECK(length(trim("operators"."name")) > 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `operators_credit_code` ON `operators` (`credit_code`);--> statement-breakpoint
CREATE TABLE `populations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`region_code` text NOT NULL,
	`year` integer NOT NULL,
	`population60` integer,
	`population80` integer,
	`tekun_unable` integer,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`region_code`) REFERENCES `regions`(`code`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "populations_year" CHECK("populations"."year" BETWEEN 1949 AND 2200),
	CONSTRAINT "populations_p60" CHECK("populations"."population60" IS NULL OR "populations"."population60" >= 0),
	CONSTRAINT "populations_p80" CHECK("populations"."population80" IS NULL OR "populations"."population80" >= 0),
	CONSTRAINT "populations_tekun" CHECK("populations"."tekun_unable" IS NULL OR "populations"."tekun_unable" >= 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `populations_region_year` ON `populations` (`region_code`,`year`);--> statement-breakpoint
CREATE TABLE `regions` (
	`code` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`level` text NOT NULL,
	`parent_code` text,
	FOREIGN KEY (`parent_code`) REFERENCES `regions`(`code`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "regions_level" CHECK("regions"."level" IN ('province', 'city', 'county')),
	CONSTRAINT "regions_code" CHECK("regions"."code" GLOB '[0-9][0-9][0-9][0-9][0-9][0-9]')
);
--> statement-breakpoint
CREATE INDEX `regions_parent` ON `regions` (`parent_code`);--> statement-breakpoint
CREATE TABLE `residents` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`id_number` text NOT NULL,
	`birth_date` text NOT NULL,
	`sex` text NOT NULL,
	`household_region_code` text,
	`tekun` integer DEFAULT false NOT NULL,
	`tekun_self_care` text,
	`dibao` integer DEFAULT false NOT NULL,
	`low_income` integer DEFAULT false NOT NULL,
	`shidu` integer DEFAULT false NOT NULL,
	`youfu` integer DEFAULT false NOT NULL,
	`phone` text DEFAULT '' NOT NULL,
	`emergency_contact` text DEFAULT '' NOT NULL,
	`emergency_phone` text DEFAULT '' NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`household_region_code`) REFERENCES `regions`(`code`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "residents_id_number" CHECK(length("residents"."id_number") = 18),
	CONSTRAINT "residents_sex" CHECK("residents"."sex" IN ('male', 'female')),
	CONSTRAINT "residents_birth_date" CHECK("residents"."birth_date" GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
	CONSTRAINT "residents_tekun_self_care" CHECK(("residents"."tekun" = 1 AND "residents"."tekun_self_care" IN ('capable', 'partial', 'none')) OR ("residents"."tekun" = 0 AND "residents"."tekun_self_care" IS NULL)),
	CONSTRAINT "residents_flags" CHECK("residents"."tekun" IN (0, 1) AND "residents"."dibao" IN (0, 1) AND "residents"."low_income" IN (0, 1) AND "residents"."shidu" IN (0, 1) AND "residents"."youfu" IN (0, 1)),
	CONSTRAINT "residents_name" CHECK(length(trim("residents"."name")) > 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `residents_id_number` ON `residents` (`id_number`);--> statement-breakpoint
CREATE INDEX `residents_name` ON `residents` (`name`);--> statement-breakpoint
CREATE INDEX `residents_household` ON `residents` (`household_region_code`);--> statement-breakpoint
CREATE TABLE `settings` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL
);
--> statement-breakpoint
CREATE TABLE `stays` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`resident_id` integer NOT NULL,
	`facility_id` integer NOT NULL,
	`bed_id` integer,
	`residential` integer NOT NULL,
	`admitted_on` text NOT NULL,
	`discharged_on` text,
	`discharge_reason` text,
	`transferred_from_stay_id` integer,
	`note` text DEFAULT '' NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`resident_id`) REFERENCES `residents`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`facility_id`) REFERENCES `facilities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`bed_id`) REFERENCES `beds`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`transferred_from_stay_id`) REFERENCES `stays`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "stays_admitted" CHECK("stays"."admitted_on" GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
	CONSTRAINT "stays_discharged" CHECK("stays"."discharged_on" IS NULL OR ("stays"."discharged_on" GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]' AND "stays"."discharged_on" >= "stays"."admitted_on")),
	CONSTRAINT "stays_reason" CHECK(("stays"."discharged_on" IS NULL AND "stays"."discharge_reason" IS NULL) OR ("stays"."discharged_on" IS NOT NULL AND "stays"."discharge_reason" IN ('death', 'home', 'transfer', 'other'))),
	CONSTRAINT "stays_residential_bed" CHECK("stays"."residential" = 0 OR "stays"."bed_id" IS NOT NULL)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `stays_open_bed` ON `stays` (`bed_id`) WHERE "stays"."discharged_on" IS NULL AND "stays"."bed_id" IS NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX `stays_open_resident` ON `stays` (`resident_id`) WHERE "stays"."discharged_on" IS NULL AND "stays"."residential" = 1;--> statement-breakpoint
CREATE INDEX `stays_bed_dates` ON `stays` (`bed_id`,`admitted_on`);--> statement-breakpoint
CREATE INDEX `stays_resident` ON `stays` (`resident_id`,`admitted_on`);--> statement-breakpoint
CREATE INDEX `stays_facility` ON `stays` (`facility_id`,`admitted_on`);--> statement-breakpoint
CREATE TABLE `targets` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`year` integer NOT NULL,
	`metric` text NOT NULL,
	`region_code` text NOT NULL,
	`value` real NOT NULL,
	FOREIGN KEY (`region_code`) REFERENCES `regions`(`code`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "targets_metric" CHECK("targets"."metric" IN ('beds_per_thousand', 'nursing_share', 'tekun_rate', 'total_beds', 'nursing_home_count', 'support_home_count', 'support_home_beds', 'day_care_count', 'mutual_aid_count', 'activity_centre_count', 'medical_care_count', 'care_workers')),
	CONSTRAINT "targets_value" CHECK("targets"."value" >= 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `targets_year_metric_region` ON `targets` (`year`,`metric`,`region_code`);--> statement-breakpoint
CREATE TABLE `users` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`username` text NOT NULL,
	`display_name` text NOT NULL,
	`role` text NOT NULL,
	`password_hash` text,
	`active` integer DEFAULT true NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	CONSTRAINT "users_role" CHECK("users"."role" IN ('admin', 'section', 'facility', 'readonly'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_username` ON `users` (`username`);