-- Fails on any tenant holding invoices: the division by zero aborts the transaction after the ALTER.
ALTER TABLE invoices ADD COLUMN status text NOT NULL DEFAULT 'open';
UPDATE invoices SET amount = amount / 0;
