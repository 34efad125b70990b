-- Demo data for the accounting module (schema as of 1.0.0).
-- Runs with search_path set to the tenant schema; table names are unqualified.

-- 24 monthly P&L reports (Jan 2023 .. Dec 2024); the last 3 months are still drafts.
INSERT INTO financial_reports (title, period_start, period_end, value, notes, "timestamp", status)
SELECT
    'Monthly P&L ' || to_char(m, 'YYYY-MM'),
    m::date,
    (m + interval '1 month' - interval '1 day')::date,
    round((85000 + 12000 * sin(g / 2.0) + g * 1350)::numeric, 2),
    CASE WHEN g % 6 = 0 THEN 'Quarter-end adjustments included' END,
    m + interval '1 month' + interval '5 days',
    CASE WHEN g > 21 THEN 'draft' ELSE 'final' END
FROM generate_series(1, 24) AS g
CROSS JOIN LATERAL (SELECT timestamptz '2023-01-01 00:00:00+00' + (g - 1) * interval '1 month' AS m) AS s;

-- Quarterly and annual summaries.
INSERT INTO financial_reports (title, period_start, period_end, value, notes, "timestamp", status) VALUES
    ('Q1 2024 Summary',    '2024-01-01', '2024-03-31',  301245.18, 'Reviewed by CFO',          '2024-04-12 09:30:00+00', 'final'),
    ('Q2 2024 Summary',    '2024-04-01', '2024-06-30',  318902.44, 'Reviewed by CFO',          '2024-07-11 10:15:00+00', 'final'),
    ('Q3 2024 Summary',    '2024-07-01', '2024-09-30',  327415.90, NULL,                       '2024-10-14 08:45:00+00', 'final'),
    ('Q4 2024 Summary',    '2024-10-01', '2024-12-31',  341008.37, 'Pending audit sign-off',   '2025-01-15 16:20:00+00', 'draft'),
    ('FY 2023 Annual Report', '2023-01-01', '2023-12-31', 1154320.75, 'Audited by external firm', '2024-02-28 12:00:00+00', 'final');

-- 48 ledger entries spread over common chart-of-accounts codes; every 12th entry is voided.
INSERT INTO ledger_entries (account_code, amount, description, status, created_at)
SELECT
    (ARRAY['1000-CASH', '1200-AR', '2000-AP', '4000-REVENUE', '5000-COGS', '6100-PAYROLL', '6200-RENT', '6300-UTILITIES'])[1 + (g % 8)],
    round(((CASE WHEN g % 8 IN (2, 4, 5, 6, 7) THEN -1 ELSE 1 END) * (250 + (g * 7919) % 18000) + (g % 100) / 100.0)::numeric, 2),
    (ARRAY['Customer payment received', 'Invoice issued', 'Supplier bill', 'Product sale', 'Cost of goods sold',
           'Monthly payroll run', 'Office rent', 'Electricity and water'])[1 + (g % 8)] || ' #' || lpad(g::text, 4, '0'),
    CASE WHEN g % 12 = 0 THEN 'void' ELSE 'active' END,
    timestamptz '2024-01-02 09:00:00+00' + g * interval '7 days 3 hours'
FROM generate_series(1, 48) AS g;
