COMMENT ON TABLE financial_reports IS NULL;
