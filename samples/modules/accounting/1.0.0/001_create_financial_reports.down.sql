DROP INDEX IF EXISTS idx_financial_reports_period;
DROP TABLE IF EXISTS financial_reports;
