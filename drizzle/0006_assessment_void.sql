-- Issue 14: a voided assessment is kept (who, when, why) and counted nowhere. Plain added columns,
-- no table rebuild, so the uid trigger of migration 0005 stays on the table.
ALTER TABLE `assessments` ADD `voided_at` text;--> statement-breakpoint
ALTER TABLE `assessments` ADD `voided_by` text;--> statement-breakpoint
ALTER TABLE `assessments` ADD `void_reason` text;