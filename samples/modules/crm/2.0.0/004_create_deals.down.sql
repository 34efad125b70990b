DROP INDEX IF EXISTS idx_deals_financial_report_id;
DROP INDEX IF EXISTS idx_deals_stage;
DROP INDEX IF EXISTS idx_deals_customer_id;
DROP TABLE IF EXISTS deals;
