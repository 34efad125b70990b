ALTER TABLE financial_reports 
ADD COLUMN ai_insights JSONB;

CREATE INDEX idx_financial_reports_ai_insights 
ON financial_reports USING GIN (ai_insights);
