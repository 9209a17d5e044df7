CREATE TABLE `audit_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` text NOT NULL,
	`actor` text,
	`role` text,
	`action` text NOT NULL,
	`object_type` text NOT NULL,
	`object_id` text,
	`before_json` text,
	`after_json` text,
	`diff_json` text,
	`client_address` text,
	`prev_hash` text NOT NULL,
	`hash` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `audit_log_prev_hash` ON `audit_log` (`prev_hash`);--> statement-breakpoint
CREATE INDEX `audit_log_at` ON `audit_log` (`at`);--> statement-breakpoint
CREATE INDEX `audit_log_object` ON `audit_log` (`object_type`,`object_id`);--> statement-breakpoint
CREATE TABLE `version_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`mapping_id` integer NOT NULL,
	`version` integer NOT NULL,
	`kind` text NOT NULL,
	`actor` text NOT NULL,
	`comment` text DEFAULT '' NOT NULL,
	`effective_from` text,
	`at` text NOT NULL,
	FOREIGN KEY (`mapping_id`) REFERENCES `mappings`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE INDEX `version_events_mapping` ON `version_events` (`mapping_id`,`version`);--> statement-breakpoint
-- The audit trail is evidence: entries are appended, never changed or removed (the hash chain finds any edit
-- made around these triggers, e.g. with the trigger dropped).
CREATE TRIGGER `audit_log_no_update` BEFORE UPDATE ON `audit_log`
BEGIN
  SELECT RAISE(ABORT, 'the audit trail is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER `audit_log_no_delete` BEFORE DELETE ON `audit_log`
BEGIN
  SELECT RAISE(ABORT, 'the audit trail is append-only');
END;
--> statement-breakpoint
-- Review decisions and activations are history: a later decision supersedes an earlier one, never edits it.
CREATE TRIGGER `version_events_no_update` BEFORE UPDATE ON `version_events`
BEGIN
  SELECT RAISE(ABORT, 'version events are append-only');
END;
--> statement-breakpoint
CREATE TRIGGER `version_events_no_delete` BEFORE DELETE ON `version_events`
BEGIN
  SELECT RAISE(ABORT, 'version events are append-only');
END;
