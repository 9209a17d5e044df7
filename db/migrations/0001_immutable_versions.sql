-- Published mapping versions are frozen: runs record the version they used, so it must never change under them.
CREATE TRIGGER `mapping_versions_no_update` BEFORE UPDATE ON `mapping_versions`
BEGIN
  SELECT RAISE(ABORT, 'mapping versions are immutable');
END;
--> statement-breakpoint
CREATE TRIGGER `mapping_versions_no_delete` BEFORE DELETE ON `mapping_versions`
BEGIN
  SELECT RAISE(ABORT, 'mapping versions are immutable');
END;
