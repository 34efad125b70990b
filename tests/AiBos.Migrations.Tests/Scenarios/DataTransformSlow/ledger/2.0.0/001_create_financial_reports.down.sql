DROP TABLE financial_reports; DROP FUNCTION financial_reports_slow_insert();
