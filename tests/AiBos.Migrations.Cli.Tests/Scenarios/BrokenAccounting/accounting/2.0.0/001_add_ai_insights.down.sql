ALTER TABLE financial_reports DROP COLUMN IF EXISTS ai_insights;
