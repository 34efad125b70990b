COMMENT ON TABLE financial_reports IS 'Filled from the ledger since 2.0.0';
