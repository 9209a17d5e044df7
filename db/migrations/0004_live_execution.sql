CREATE TABLE `connectors` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`kind` text NOT NULL,
	`format` text NOT NULL,
	`template_code` text,
	`settings_json` text DEFAULT '{}' NOT NULL,
	`secrets_sealed` text NOT NULL,
	`enabled` integer DEFAULT true NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `connectors_name_unique` ON `connectors` (`name`);--> statement-breakpoint
CREATE TABLE `inbound_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`connector_id` integer NOT NULL,
	`message_id` text NOT NULL,
	`status` text NOT NULL,
	`reason` text,
	`body_text` text NOT NULL,
	`headers_json` text DEFAULT '{}' NOT NULL,
	`instance_id` text,
	`received_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`connector_id`) REFERENCES `connectors`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE UNIQUE INDEX `inbound_events_identity` ON `inbound_events` (`connector_id`,`message_id`);--> statement-breakpoint
CREATE INDEX `inbound_events_received` ON `inbound_events` (`received_at`);--> statement-breakpoint
CREATE TABLE `jobs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`queue` text NOT NULL,
	`payload_json` text NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`max_attempts` integer NOT NULL,
	`run_at` integer NOT NULL,
	`lease_until` integer,
	`leased_by` text,
	`last_error` text,
	`created_at` integer NOT NULL,
	`finished_at` integer
);
--> statement-breakpoint
CREATE INDEX `jobs_due` ON `jobs` (`status`,`run_at`);--> statement-breakpoint
CREATE INDEX `jobs_queue` ON `jobs` (`queue`,`status`);--> statement-breakpoint
CREATE TABLE `finance_targets` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`kind` text NOT NULL,
	`url` text NOT NULL,
	`settings_json` text DEFAULT '{}' NOT NULL,
	`secrets_sealed` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `finance_targets_name_unique` ON `finance_targets` (`name`);--> statement-breakpoint
CREATE TABLE `mapping_targets` (
	`mapping_id` integer PRIMARY KEY NOT NULL,
	`target_id` integer NOT NULL,
	FOREIGN KEY (`target_id`) REFERENCES `finance_targets`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE TABLE `runs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`event_id` integer NOT NULL,
	`mapping_id` integer NOT NULL,
	`version` integer,
	`status` text NOT NULL,
	`instance_id` text,
	`oa_reference` text,
	`approved_at` text,
	`table_revisions_json` text DEFAULT '{}' NOT NULL,
	`payload_text` text,
	`record_json` text,
	`voucher_json` text,
	`document_text` text,
	`document_type` text,
	`trace_json` text,
	`errors_json` text DEFAULT '[]' NOT NULL,
	`timings_json` text DEFAULT '{}' NOT NULL,
	`replay_of` integer,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`event_id`) REFERENCES `inbound_events`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`mapping_id`) REFERENCES `mappings`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE UNIQUE INDEX `runs_one_voucher` ON `runs` (`mapping_id`,`instance_id`) WHERE status = 'ok';--> statement-breakpoint
CREATE INDEX `runs_event` ON `runs` (`event_id`);--> statement-breakpoint
CREATE INDEX `runs_status` ON `runs` (`status`,`created_at`);--> statement-breakpoint
CREATE INDEX `runs_instance` ON `runs` (`instance_id`);--> statement-breakpoint
CREATE TABLE `deliveries` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`run_id` integer NOT NULL,
	`target_id` integer NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`idempotency_key` text NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`outcome_unknown` integer DEFAULT false NOT NULL,
	`voucher_number` text,
	`last_error` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`delivered_at` text,
	FOREIGN KEY (`run_id`) REFERENCES `runs`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`target_id`) REFERENCES `finance_targets`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE UNIQUE INDEX `deliveries_run_target` ON `deliveries` (`run_id`,`target_id`);--> statement-breakpoint
CREATE INDEX `deliveries_status` ON `deliveries` (`status`);--> statement-breakpoint
CREATE TABLE `delivery_attempts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`delivery_id` integer NOT NULL,
	`at` text NOT NULL,
	`outcome` text NOT NULL,
	`http_status` integer,
	`response_text` text,
	`error` text,
	`duration_ms` integer NOT NULL,
	FOREIGN KEY (`delivery_id`) REFERENCES `deliveries`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE INDEX `delivery_attempts_delivery` ON `delivery_attempts` (`delivery_id`);--> statement-breakpoint
CREATE TRIGGER `inbound_events_no_delete` BEFORE DELETE ON `inbound_events`
BEGIN
  SELECT RAISE(ABORT, 'received events are kept: an event is never deleted by processing');
END;
--> statement-breakpoint
CREATE TRIGGER `inbound_events_body_fixed` BEFORE UPDATE OF `body_text`, `message_id`, `connector_id` ON `inbound_events`
BEGIN
  SELECT RAISE(ABORT, 'a received event''s body and identity are fixed');
END;
