DROP INDEX IF EXISTS idx_financial_reports_ai_insights;
ALTER TABLE financial_reports DROP COLUMN ai_insights;
