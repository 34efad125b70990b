-- Wrong on purpose: forgets DROP INDEX idx_invoices_issued_on.
DROP INDEX idx_invoices_due_date;
ALTER TABLE invoices DROP COLUMN due_date;
