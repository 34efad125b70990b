-- Stands for a long backfill: long enough to hit a run timeout, to be killed, or to be stopped by an operator.
ALTER TABLE invoices ADD COLUMN note text;
SELECT pg_sleep(30);
