INSERT INTO invoices (customer, amount, issued_on)
SELECT 'customer-' || (n % 7), (n * 12.5)::numeric(18,2), date '2026-01-01' + n
FROM generate_series(1, 25) AS n;
