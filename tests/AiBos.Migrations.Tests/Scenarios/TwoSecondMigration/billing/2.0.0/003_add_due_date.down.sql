DROP INDEX idx_invoices_due_date;
ALTER TABLE invoices DROP COLUMN due_date;
