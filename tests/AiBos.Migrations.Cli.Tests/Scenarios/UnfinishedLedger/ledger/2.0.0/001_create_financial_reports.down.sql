DROP TABLE financial_reports;
