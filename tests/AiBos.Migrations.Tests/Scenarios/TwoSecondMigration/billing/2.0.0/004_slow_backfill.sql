-- Holds the tenant for two seconds, so that a second run for the same tenant finds it busy.
ALTER TABLE invoices ADD COLUMN note text;
SELECT pg_sleep(2);
