ALTER TABLE `beds` ADD `use` text DEFAULT 'full_time' NOT NULL;--> statement-breakpoint
ALTER TABLE `facilities` ADD `offers_day_care` integer DEFAULT false NOT NULL;