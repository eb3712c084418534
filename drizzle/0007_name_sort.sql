CREATE TABLE `resident_name_chars` (
	`ch` text NOT NULL,
	`resident_id` integer NOT NULL,
	PRIMARY KEY(`ch`, `resident_id`),
	FOREIGN KEY (`resident_id`) REFERENCES `residents`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `resident_name_chars_resident` ON `resident_name_chars` (`resident_id`);--> statement-breakpoint
ALTER TABLE `facilities` ADD `name_sort` text DEFAULT '' NOT NULL;--> statement-breakpoint
CREATE INDEX `facilities_name_sort` ON `facilities` (`name_sort`);--> statement-breakpoint
ALTER TABLE `operators` ADD `name_sort` text DEFAULT '' NOT NULL;--> statement-breakpoint
CREATE INDEX `operators_name_sort` ON `operators` (`name_sort`);--> statement-breakpoint
ALTER TABLE `residents` ADD `name_sort` text DEFAULT '' NOT NULL;--> statement-breakpoint
CREATE INDEX `residents_name_sort` ON `residents` (`name_sort`);--> statement-breakpoint
CREATE INDEX `residents_id_tail` ON `residents` (substr(`id_number`, -4));
--> statement-breakpoint
-- Issue 14 (finding 21, 22): the stored pinyin sort key (domain/name-sort.ts, registered as
-- eldercare_name_sort by db/open.ts before migrating, as 0005 did), filled here for existing
-- rows and written by the services from now on; and the characters of residents' names for
-- the any-part name search (and an index on the ID number's last 4, for that search by
-- accounts that may reveal it), filled here and kept by the triggers below (json_each over the
-- positions 1..64: names longer than 64 characters are searched by their first 64).
UPDATE `facilities` SET `name_sort` = eldercare_name_sort(`name`, 0);
--> statement-breakpoint
UPDATE `operators` SET `name_sort` = eldercare_name_sort(`name`, 0);
--> statement-breakpoint
UPDATE `residents` SET `name_sort` = eldercare_name_sort(`name`, 1);
--> statement-breakpoint
INSERT OR IGNORE INTO `resident_name_chars` (`ch`, `resident_id`)
  SELECT substr(r.`name`, p.value, 1), r.`id` FROM `residents` r, json_each('[1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31,32,33,34,35,36,37,38,39,40,41,42,43,44,45,46,47,48,49,50,51,52,53,54,55,56,57,58,59,60,61,62,63,64]') p WHERE p.value <= length(r.`name`);
--> statement-breakpoint
CREATE TRIGGER `resident_name_chars_insert` AFTER INSERT ON `residents` BEGIN
  INSERT OR IGNORE INTO `resident_name_chars` (`ch`, `resident_id`)
    SELECT substr(NEW.`name`, p.value, 1), NEW.`id` FROM json_each('[1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31,32,33,34,35,36,37,38,39,40,41,42,43,44,45,46,47,48,49,50,51,52,53,54,55,56,57,58,59,60,61,62,63,64]') p WHERE p.value <= length(NEW.`name`);
END;
--> statement-breakpoint
CREATE TRIGGER `resident_name_chars_rename` AFTER UPDATE OF `name` ON `residents` WHEN NEW.`name` IS NOT OLD.`name` BEGIN
  DELETE FROM `resident_name_chars` WHERE `resident_id` = OLD.`id`;
  INSERT OR IGNORE INTO `resident_name_chars` (`ch`, `resident_id`)
    SELECT substr(NEW.`name`, p.value, 1), NEW.`id` FROM json_each('[1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31,32,33,34,35,36,37,38,39,40,41,42,43,44,45,46,47,48,49,50,51,52,53,54,55,56,57,58,59,60,61,62,63,64]') p WHERE p.value <= length(NEW.`name`);
END;
--> statement-breakpoint
CREATE TRIGGER `resident_name_chars_delete` AFTER DELETE ON `residents` BEGIN
  DELETE FROM `resident_name_chars` WHERE `resident_id` = OLD.`id`;
END;
