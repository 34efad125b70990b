DROP INDEX IF EXISTS idx_report_snapshots_report_created;
DROP TABLE IF EXISTS report_snapshots;
