-- Issue 13 part 6: a stable identity (uid) on every register row and the owner on audit rows.
-- The columns come in with the constant default '' that SQLite requires of a NOT NULL column
-- added to a filled table, are backfilled, and only then made UNIQUE. The backfill calls the
-- functions db/city-secret.ts registers on the connection before migrating; the whole
-- migration runs in the migrator's one transaction, so an open either does all of it or none.
ALTER TABLE `populations` ADD `uid` text DEFAULT '' NOT NULL;
--> statement-breakpoint
ALTER TABLE `facilities` ADD `uid` text DEFAULT '' NOT NULL;
--> statement-breakpoint
ALTER TABLE `facility_status_changes` ADD `uid` text DEFAULT '' NOT NULL;
--> statement-breakpoint
ALTER TABLE `beds` ADD `uid` text DEFAULT '' NOT NULL;
--> statement-breakpoint
ALTER TABLE `residents` ADD `uid` text DEFAULT '' NOT NULL;
--> statement-breakpoint
ALTER TABLE `stays` ADD `uid` text DEFAULT '' NOT NULL;
--> statement-breakpoint
ALTER TABLE `leaves` ADD `uid` text DEFAULT '' NOT NULL;
--> statement-breakpoint
ALTER TABLE `assessments` ADD `uid` text DEFAULT '' NOT NULL;
--> statement-breakpoint
ALTER TABLE `operators` ADD `uid` text DEFAULT '' NOT NULL;
--> statement-breakpoint
ALTER TABLE `contracts` ADD `uid` text DEFAULT '' NOT NULL;
--> statement-breakpoint
ALTER TABLE `contract_evaluations` ADD `uid` text DEFAULT '' NOT NULL;
--> statement-breakpoint
ALTER TABLE `targets` ADD `uid` text DEFAULT '' NOT NULL;
--> statement-breakpoint
ALTER TABLE `audit_log` ADD `owner` text;
--> statement-breakpoint
-- The city secret that keys resident uids: made once, never replaced (enrolment copies the city's).
INSERT OR IGNORE INTO `settings` (`key`, `value`) VALUES ('_citySecret', eldercare_new_secret());
--> statement-breakpoint
UPDATE `populations` SET `uid` = eldercare_uuid_v7();
--> statement-breakpoint
UPDATE `facilities` SET `uid` = eldercare_uuid_v7();
--> statement-breakpoint
UPDATE `facility_status_changes` SET `uid` = eldercare_uuid_v7();
--> statement-breakpoint
UPDATE `beds` SET `uid` = eldercare_uuid_v7();
--> statement-breakpoint
UPDATE `stays` SET `uid` = eldercare_uuid_v7();
--> statement-breakpoint
UPDATE `leaves` SET `uid` = eldercare_uuid_v7();
--> statement-breakpoint
UPDATE `assessments` SET `uid` = eldercare_uuid_v7();
--> statement-breakpoint
UPDATE `operators` SET `uid` = eldercare_uuid_v7();
--> statement-breakpoint
UPDATE `contracts` SET `uid` = eldercare_uuid_v7();
--> statement-breakpoint
UPDATE `contract_evaluations` SET `uid` = eldercare_uuid_v7();
--> statement-breakpoint
UPDATE `targets` SET `uid` = eldercare_uuid_v7();
--> statement-breakpoint
UPDATE `residents` SET `uid` = eldercare_resident_uid((SELECT `value` FROM `settings` WHERE `key` = '_citySecret'), `id_number`);
--> statement-breakpoint
CREATE UNIQUE INDEX `assessments_uid_unique` ON `assessments` (`uid`);
--> statement-breakpoint
CREATE UNIQUE INDEX `beds_uid_unique` ON `beds` (`uid`);
--> statement-breakpoint
CREATE UNIQUE INDEX `contract_evaluations_uid_unique` ON `contract_evaluations` (`uid`);
--> statement-breakpoint
CREATE UNIQUE INDEX `contracts_uid_unique` ON `contracts` (`uid`);
--> statement-breakpoint
CREATE UNIQUE INDEX `facilities_uid_unique` ON `facilities` (`uid`);
--> statement-breakpoint
CREATE UNIQUE INDEX `facility_status_changes_uid_unique` ON `facility_status_changes` (`uid`);
--> statement-breakpoint
CREATE UNIQUE INDEX `leaves_uid_unique` ON `leaves` (`uid`);
--> statement-breakpoint
CREATE UNIQUE INDEX `operators_uid_unique` ON `operators` (`uid`);
--> statement-breakpoint
CREATE UNIQUE INDEX `populations_uid_unique` ON `populations` (`uid`);
--> statement-breakpoint
CREATE UNIQUE INDEX `residents_uid_unique` ON `residents` (`uid`);
--> statement-breakpoint
CREATE UNIQUE INDEX `stays_uid_unique` ON `stays` (`uid`);
--> statement-breakpoint
CREATE UNIQUE INDEX `targets_uid_unique` ON `targets` (`uid`);
--> statement-breakpoint
-- A row inserted by raw SQL without a uid (the app always sets one) gets a UUIDv7 here.
CREATE TRIGGER `populations_uid_default` AFTER INSERT ON `populations` WHEN NEW.`uid` = '' BEGIN
  UPDATE `populations` SET `uid` = lower(substr(printf('%012x', CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)), 1, 8) || '-' || substr(printf('%012x', CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)), 9, 4) || '-7' || substr(hex(randomblob(2)), 2, 3) || '-' || substr('89ab', 1 + abs(random() % 4), 1) || substr(hex(randomblob(2)), 2, 3) || '-' || hex(randomblob(6))) WHERE `id` = NEW.`id`;
END;
--> statement-breakpoint
CREATE TRIGGER `facilities_uid_default` AFTER INSERT ON `facilities` WHEN NEW.`uid` = '' BEGIN
  UPDATE `facilities` SET `uid` = lower(substr(printf('%012x', CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)), 1, 8) || '-' || substr(printf('%012x', CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)), 9, 4) || '-7' || substr(hex(randomblob(2)), 2, 3) || '-' || substr('89ab', 1 + abs(random() % 4), 1) || substr(hex(randomblob(2)), 2, 3) || '-' || hex(randomblob(6))) WHERE `id` = NEW.`id`;
END;
--> statement-breakpoint
CREATE TRIGGER `facility_status_changes_uid_default` AFTER INSERT ON `facility_status_changes` WHEN NEW.`uid` = '' BEGIN
  UPDATE `facility_status_changes` SET `uid` = lower(substr(printf('%012x', CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)), 1, 8) || '-' || substr(printf('%012x', CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)), 9, 4) || '-7' || substr(hex(randomblob(2)), 2, 3) || '-' || substr('89ab', 1 + abs(random() % 4), 1) || substr(hex(randomblob(2)), 2, 3) || '-' || hex(randomblob(6))) WHERE `id` = NEW.`id`;
END;
--> statement-breakpoint
CREATE TRIGGER `beds_uid_default` AFTER INSERT ON `beds` WHEN NEW.`uid` = '' BEGIN
  UPDATE `beds` SET `uid` = lower(substr(printf('%012x', CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)), 1, 8) || '-' || substr(printf('%012x', CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)), 9, 4) || '-7' || substr(hex(randomblob(2)), 2, 3) || '-' || substr('89ab', 1 + abs(random() % 4), 1) || substr(hex(randomblob(2)), 2, 3) || '-' || hex(randomblob(6))) WHERE `id` = NEW.`id`;
END;
--> statement-breakpoint
CREATE TRIGGER `stays_uid_default` AFTER INSERT ON `stays` WHEN NEW.`uid` = '' BEGIN
  UPDATE `stays` SET `uid` = lower(substr(printf('%012x', CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)), 1, 8) || '-' || substr(printf('%012x', CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)), 9, 4) || '-7' || substr(hex(randomblob(2)), 2, 3) || '-' || substr('89ab', 1 + abs(random() % 4), 1) || substr(hex(randomblob(2)), 2, 3) || '-' || hex(randomblob(6))) WHERE `id` = NEW.`id`;
END;
--> statement-breakpoint
CREATE TRIGGER `leaves_uid_default` AFTER INSERT ON `leaves` WHEN NEW.`uid` = '' BEGIN
  UPDATE `leaves` SET `uid` = lower(substr(printf('%012x', CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)), 1, 8) || '-' || substr(printf('%012x', CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)), 9, 4) || '-7' || substr(hex(randomblob(2)), 2, 3) || '-' || substr('89ab', 1 + abs(random() % 4), 1) || substr(hex(randomblob(2)), 2, 3) || '-' || hex(randomblob(6))) WHERE `id` = NEW.`id`;
END;
--> statement-breakpoint
CREATE TRIGGER `assessments_uid_default` AFTER INSERT ON `assessments` WHEN NEW.`uid` = '' BEGIN
  UPDATE `assessments` SET `uid` = lower(substr(printf('%012x', CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)), 1, 8) || '-' || substr(printf('%012x', CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)), 9, 4) || '-7' || substr(hex(randomblob(2)), 2, 3) || '-' || substr('89ab', 1 + abs(random() % 4), 1) || substr(hex(randomblob(2)), 2, 3) || '-' || hex(randomblob(6))) WHERE `id` = NEW.`id`;
END;
--> statement-breakpoint
CREATE TRIGGER `operators_uid_default` AFTER INSERT ON `operators` WHEN NEW.`uid` = '' BEGIN
  UPDATE `operators` SET `uid` = lower(substr(printf('%012x', CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)), 1, 8) || '-' || substr(printf('%012x', CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)), 9, 4) || '-7' || substr(hex(randomblob(2)), 2, 3) || '-' || substr('89ab', 1 + abs(random() % 4), 1) || substr(hex(randomblob(2)), 2, 3) || '-' || hex(randomblob(6))) WHERE `id` = NEW.`id`;
END;
--> statement-breakpoint
CREATE TRIGGER `contracts_uid_default` AFTER INSERT ON `contracts` WHEN NEW.`uid` = '' BEGIN
  UPDATE `contracts` SET `uid` = lower(substr(printf('%012x', CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)), 1, 8) || '-' || substr(printf('%012x', CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)), 9, 4) || '-7' || substr(hex(randomblob(2)), 2, 3) || '-' || substr('89ab', 1 + abs(random() % 4), 1) || substr(hex(randomblob(2)), 2, 3) || '-' || hex(randomblob(6))) WHERE `id` = NEW.`id`;
END;
--> statement-breakpoint
CREATE TRIGGER `contract_evaluations_uid_default` AFTER INSERT ON `contract_evaluations` WHEN NEW.`uid` = '' BEGIN
  UPDATE `contract_evaluations` SET `uid` = lower(substr(printf('%012x', CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)), 1, 8) || '-' || substr(printf('%012x', CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)), 9, 4) || '-7' || substr(hex(randomblob(2)), 2, 3) || '-' || substr('89ab', 1 + abs(random() % 4), 1) || substr(hex(randomblob(2)), 2, 3) || '-' || hex(randomblob(6))) WHERE `id` = NEW.`id`;
END;
--> statement-breakpoint
CREATE TRIGGER `targets_uid_default` AFTER INSERT ON `targets` WHEN NEW.`uid` = '' BEGIN
  UPDATE `targets` SET `uid` = lower(substr(printf('%012x', CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)), 1, 8) || '-' || substr(printf('%012x', CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)), 9, 4) || '-7' || substr(hex(randomblob(2)), 2, 3) || '-' || substr('89ab', 1 + abs(random() % 4), 1) || substr(hex(randomblob(2)), 2, 3) || '-' || hex(randomblob(6))) WHERE `id` = NEW.`id`;
END;
--> statement-breakpoint
-- A resident's uid needs the city secret, which SQL does not have: one without it is refused.
CREATE TRIGGER `residents_uid_required` BEFORE INSERT ON `residents` WHEN NEW.`uid` = '' BEGIN
  SELECT RAISE(ABORT, 'residents.uid is required: residentUid(city secret, ID number)');
END;