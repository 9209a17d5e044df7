CREATE TABLE `demo_ledger_vouchers` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`webhook_id` text NOT NULL,
	`voucher_number` text NOT NULL,
	`content_type` text NOT NULL,
	`body` text NOT NULL,
	`received_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `demo_ledger_vouchers_webhook_id_unique` ON `demo_ledger_vouchers` (`webhook_id`);