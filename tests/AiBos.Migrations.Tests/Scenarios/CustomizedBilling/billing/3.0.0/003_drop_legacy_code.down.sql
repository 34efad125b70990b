ALTER TABLE invoices ADD COLUMN legacy_code text;
