ALTER TABLE invoices DROP COLUMN legacy_code;
