CREATE TABLE "assessments" (
	"id" bigint PRIMARY KEY NOT NULL,
	"uid" text NOT NULL,
	"resident_id" bigint NOT NULL,
	"assessed_on" text NOT NULL,
	"standard" text NOT NULL,
	"reason" text NOT NULL,
	"eating" bigint,
	"grooming" bigint,
	"bathing" bigint,
	"dressing_upper" bigint,
	"dressing_lower" bigint,
	"urinary_control" bigint,
	"bowel_control" bigint,
	"toileting" bigint,
	"bed_position" bigint,
	"bed_chair_transfer" bigint,
	"walking" bigint,
	"stairs" bigint,
	"time_orientation" bigint,
	"place_orientation" bigint,
	"person_orientation" bigint,
	"memory" bigint,
	"comprehension" bigint,
	"expression" bigint,
	"aggression" bigint,
	"depression" bigint,
	"consciousness" bigint,
	"vision" bigint,
	"hearing" bigint,
	"daily_affairs" bigint,
	"transportation" bigint,
	"social_interaction" bigint,
	"coma" bigint NOT NULL,
	"diagnosis" text NOT NULL,
	"risk_events" bigint NOT NULL,
	"total" bigint,
	"preliminary_level" bigint,
	"final_level" bigint NOT NULL,
	"assessor1" text NOT NULL,
	"assessor2" text NOT NULL,
	"note" text NOT NULL,
	"created_at" text NOT NULL,
	"voided_at" text,
	"voided_by" text,
	"void_reason" text
);
--> statement-breakpoint
CREATE TABLE "beds" (
	"id" bigint PRIMARY KEY NOT NULL,
	"uid" text NOT NULL,
	"facility_id" bigint NOT NULL,
	"building" text NOT NULL,
	"room" text NOT NULL,
	"label" text NOT NULL,
	"care_type" text NOT NULL,
	"use" text NOT NULL,
	"in_service_from" text NOT NULL,
	"retired_on" text,
	"created_at" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "contract_evaluations" (
	"id" bigint PRIMARY KEY NOT NULL,
	"uid" text NOT NULL,
	"contract_id" bigint NOT NULL,
	"year" bigint NOT NULL,
	"score" double precision,
	"result" text NOT NULL,
	"note" text NOT NULL,
	"created_at" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "contracts" (
	"id" bigint PRIMARY KEY NOT NULL,
	"uid" text NOT NULL,
	"facility_id" bigint NOT NULL,
	"operator_id" bigint NOT NULL,
	"contract_no" text NOT NULL,
	"selection_method" text NOT NULL,
	"start_on" text NOT NULL,
	"end_on" text NOT NULL,
	"annual_fee_fen" bigint NOT NULL,
	"deposit_fen" bigint NOT NULL,
	"reserved_beds" bigint NOT NULL,
	"asset_value_fen" bigint NOT NULL,
	"terminated_on" text,
	"termination_reason" text NOT NULL,
	"created_at" text NOT NULL,
	"updated_at" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "facilities" (
	"id" bigint PRIMARY KEY NOT NULL,
	"uid" text NOT NULL,
	"region_code" text NOT NULL,
	"name" text NOT NULL,
	"name_sort" text NOT NULL,
	"kind" text NOT NULL,
	"ownership" text NOT NULL,
	"medical_care" bigint NOT NULL,
	"township" text NOT NULL,
	"address" text NOT NULL,
	"grade" bigint,
	"staff_count" bigint NOT NULL,
	"care_worker_count" bigint NOT NULL,
	"phone" text NOT NULL,
	"created_at" text NOT NULL,
	"updated_at" text NOT NULL,
	"credit_code" text NOT NULL,
	"legal_rep" text NOT NULL,
	"legal_rep_phone" text NOT NULL,
	"registration" text NOT NULL,
	"registration_authority" text NOT NULL,
	"registered_on" text,
	"filed_on" text,
	"founder" text,
	"building_area" double precision,
	"land_area" double precision,
	"admission_targets" text NOT NULL,
	"bed_fee_min_fen" bigint,
	"bed_fee_max_fen" bigint,
	"care_fee_min_fen" bigint,
	"care_fee_max_fen" bigint,
	"meal_fee_min_fen" bigint,
	"meal_fee_max_fen" bigint,
	"resident_deposit_fen" bigint,
	"tekun_institution" bigint NOT NULL,
	"glory_home" bigint NOT NULL,
	"regional_centre" bigint NOT NULL,
	"latitude" double precision,
	"longitude" double precision,
	"offers_day_care" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "facility_licences" (
	"id" bigint PRIMARY KEY NOT NULL,
	"uid" text NOT NULL,
	"facility_id" bigint NOT NULL,
	"kind" text NOT NULL,
	"number" text NOT NULL,
	"issued_on" text NOT NULL,
	"expires_on" text,
	"note" text NOT NULL,
	"created_at" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "facility_status_changes" (
	"id" bigint PRIMARY KEY NOT NULL,
	"uid" text NOT NULL,
	"facility_id" bigint NOT NULL,
	"status" text NOT NULL,
	"effective_on" text NOT NULL,
	"note" text NOT NULL,
	"created_at" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "installs" (
	"id" bigint PRIMARY KEY NOT NULL,
	"uid" text NOT NULL,
	"level" text NOT NULL,
	"region_code" text NOT NULL,
	"facility_uid" text,
	"public_key" text NOT NULL,
	"box_public_key" text NOT NULL,
	"enrolled_by" text,
	"created_at" text NOT NULL,
	"revoked_at" text,
	"revoked_through" bigint,
	"replaces" text
);
--> statement-breakpoint
CREATE TABLE "leaves" (
	"id" bigint PRIMARY KEY NOT NULL,
	"uid" text NOT NULL,
	"stay_id" bigint NOT NULL,
	"start_on" text NOT NULL,
	"end_on" text,
	"reason" text NOT NULL,
	"created_at" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "operators" (
	"id" bigint PRIMARY KEY NOT NULL,
	"uid" text NOT NULL,
	"name" text NOT NULL,
	"name_sort" text NOT NULL,
	"credit_code" text NOT NULL,
	"legal_representative" text NOT NULL,
	"contact_person" text NOT NULL,
	"phone" text NOT NULL,
	"address" text NOT NULL,
	"created_at" text NOT NULL,
	"updated_at" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "populations" (
	"id" bigint PRIMARY KEY NOT NULL,
	"uid" text NOT NULL,
	"region_code" text NOT NULL,
	"year" bigint NOT NULL,
	"population60" bigint,
	"population80" bigint,
	"tekun_unable" bigint,
	"updated_at" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "regions" (
	"code" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"level" text NOT NULL,
	"parent_code" text
);
--> statement-breakpoint
CREATE TABLE "residents" (
	"id" bigint PRIMARY KEY NOT NULL,
	"uid" text NOT NULL,
	"name" text NOT NULL,
	"name_sort" text NOT NULL,
	"id_number" text NOT NULL,
	"birth_date" text NOT NULL,
	"sex" text NOT NULL,
	"household_region_code" text,
	"tekun" bigint NOT NULL,
	"tekun_self_care" text,
	"dibao" bigint NOT NULL,
	"low_income" bigint NOT NULL,
	"shidu" bigint NOT NULL,
	"youfu" bigint NOT NULL,
	"phone" text NOT NULL,
	"emergency_contact" text NOT NULL,
	"emergency_phone" text NOT NULL,
	"created_at" text NOT NULL,
	"updated_at" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "settings" (
	"key" text PRIMARY KEY NOT NULL,
	"value" text NOT NULL,
	"updated_at" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "stays" (
	"id" bigint PRIMARY KEY NOT NULL,
	"uid" text NOT NULL,
	"resident_id" bigint NOT NULL,
	"facility_id" bigint NOT NULL,
	"bed_id" bigint,
	"residential" bigint NOT NULL,
	"admitted_on" text NOT NULL,
	"discharged_on" text,
	"discharge_reason" text,
	"transferred_from_stay_id" bigint,
	"note" text NOT NULL,
	"created_at" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "targets" (
	"id" bigint PRIMARY KEY NOT NULL,
	"uid" text NOT NULL,
	"year" bigint NOT NULL,
	"metric" text NOT NULL,
	"region_code" text NOT NULL,
	"value" double precision NOT NULL
);
--> statement-breakpoint
CREATE TABLE "waiting_applications" (
	"id" bigint PRIMARY KEY NOT NULL,
	"uid" text NOT NULL,
	"facility_id" bigint NOT NULL,
	"resident_id" bigint NOT NULL,
	"applied_on" text NOT NULL,
	"category" text NOT NULL,
	"assessment_level" bigint,
	"status" text NOT NULL,
	"closed_on" text,
	"stay_id" bigint,
	"withdraw_reason" text NOT NULL,
	"note" text NOT NULL,
	"created_at" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "hub_changes" (
	"origin" text NOT NULL,
	"seq" integer NOT NULL,
	"txn" integer,
	"last" integer NOT NULL,
	"tbl" text NOT NULL,
	"row_uid" text NOT NULL,
	"op" text NOT NULL,
	"before" text,
	"after" text,
	"owner" text NOT NULL,
	"at" text NOT NULL,
	"state" text NOT NULL,
	"reason" text,
	CONSTRAINT "hub_changes_origin_seq_pk" PRIMARY KEY("origin","seq")
);
--> statement-breakpoint
CREATE TABLE "hub_packages" (
	"sha256" text PRIMARY KEY NOT NULL,
	"position" bigint GENERATED ALWAYS AS IDENTITY (sequence name "hub_packages_position_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"sender" text NOT NULL,
	"kind" text NOT NULL,
	"recipients" text[] NOT NULL,
	"received_at" text NOT NULL,
	"bytes" "bytea" NOT NULL
);
--> statement-breakpoint
CREATE TABLE "hub_state" (
	"key" text PRIMARY KEY NOT NULL,
	"value" text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "assessments_uid" ON "assessments" USING btree ("uid");--> statement-breakpoint
CREATE INDEX "assessments_resident_id" ON "assessments" USING btree ("resident_id");--> statement-breakpoint
CREATE UNIQUE INDEX "beds_uid" ON "beds" USING btree ("uid");--> statement-breakpoint
CREATE INDEX "beds_facility_id" ON "beds" USING btree ("facility_id");--> statement-breakpoint
CREATE UNIQUE INDEX "contract_evaluations_uid" ON "contract_evaluations" USING btree ("uid");--> statement-breakpoint
CREATE INDEX "contract_evaluations_contract_id" ON "contract_evaluations" USING btree ("contract_id");--> statement-breakpoint
CREATE UNIQUE INDEX "contracts_uid" ON "contracts" USING btree ("uid");--> statement-breakpoint
CREATE INDEX "contracts_facility_id" ON "contracts" USING btree ("facility_id");--> statement-breakpoint
CREATE INDEX "contracts_operator_id" ON "contracts" USING btree ("operator_id");--> statement-breakpoint
CREATE UNIQUE INDEX "facilities_uid" ON "facilities" USING btree ("uid");--> statement-breakpoint
CREATE INDEX "facilities_region_code" ON "facilities" USING btree ("region_code");--> statement-breakpoint
CREATE UNIQUE INDEX "facility_licences_uid" ON "facility_licences" USING btree ("uid");--> statement-breakpoint
CREATE INDEX "facility_licences_facility_id" ON "facility_licences" USING btree ("facility_id");--> statement-breakpoint
CREATE UNIQUE INDEX "facility_status_changes_uid" ON "facility_status_changes" USING btree ("uid");--> statement-breakpoint
CREATE INDEX "facility_status_changes_facility_id" ON "facility_status_changes" USING btree ("facility_id");--> statement-breakpoint
CREATE INDEX "facility_status_changes_on" ON "facility_status_changes" USING btree ("facility_id","effective_on");--> statement-breakpoint
CREATE UNIQUE INDEX "installs_uid" ON "installs" USING btree ("uid");--> statement-breakpoint
CREATE UNIQUE INDEX "leaves_uid" ON "leaves" USING btree ("uid");--> statement-breakpoint
CREATE INDEX "leaves_stay_id" ON "leaves" USING btree ("stay_id");--> statement-breakpoint
CREATE UNIQUE INDEX "operators_uid" ON "operators" USING btree ("uid");--> statement-breakpoint
CREATE UNIQUE INDEX "populations_uid" ON "populations" USING btree ("uid");--> statement-breakpoint
CREATE INDEX "populations_region_code" ON "populations" USING btree ("region_code");--> statement-breakpoint
CREATE INDEX "regions_parent_code" ON "regions" USING btree ("parent_code");--> statement-breakpoint
CREATE UNIQUE INDEX "residents_uid" ON "residents" USING btree ("uid");--> statement-breakpoint
CREATE INDEX "residents_household_region_code" ON "residents" USING btree ("household_region_code");--> statement-breakpoint
CREATE UNIQUE INDEX "stays_uid" ON "stays" USING btree ("uid");--> statement-breakpoint
CREATE INDEX "stays_resident_id" ON "stays" USING btree ("resident_id");--> statement-breakpoint
CREATE INDEX "stays_facility_id" ON "stays" USING btree ("facility_id");--> statement-breakpoint
CREATE INDEX "stays_bed_id" ON "stays" USING btree ("bed_id");--> statement-breakpoint
CREATE INDEX "stays_transferred_from_stay_id" ON "stays" USING btree ("transferred_from_stay_id");--> statement-breakpoint
CREATE UNIQUE INDEX "targets_uid" ON "targets" USING btree ("uid");--> statement-breakpoint
CREATE INDEX "targets_region_code" ON "targets" USING btree ("region_code");--> statement-breakpoint
CREATE UNIQUE INDEX "waiting_applications_uid" ON "waiting_applications" USING btree ("uid");--> statement-breakpoint
CREATE INDEX "waiting_applications_facility_id" ON "waiting_applications" USING btree ("facility_id");--> statement-breakpoint
CREATE INDEX "waiting_applications_resident_id" ON "waiting_applications" USING btree ("resident_id");--> statement-breakpoint
CREATE INDEX "waiting_applications_stay_id" ON "waiting_applications" USING btree ("stay_id");--> statement-breakpoint
CREATE INDEX "hub_changes_row" ON "hub_changes" USING btree ("tbl","row_uid");--> statement-breakpoint
CREATE INDEX "hub_packages_position" ON "hub_packages" USING btree ("position");--> statement-breakpoint
CREATE INDEX "hub_packages_sender" ON "hub_packages" USING btree ("sender");--> statement-breakpoint
CREATE INDEX "hub_packages_recipients" ON "hub_packages" USING gin ("recipients");