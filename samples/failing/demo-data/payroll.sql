-- Demo data for the payroll module (schema as of 1.0.0): 3 employees, 6 months.
-- Runs with search_path set to the tenant schema; table names are unqualified.
INSERT INTO payslips (employee, period, gross)
SELECT e.name, (date '2024-07-01' + (m - 1) * interval '1 month')::date, e.gross + 25 * m
FROM (VALUES ('Ada Lovelace', 5200.00), ('Grace Hopper', 6100.00), ('Alan Turing', 5800.00)) AS e(name, gross)
CROSS JOIN generate_series(1, 6) AS m;
