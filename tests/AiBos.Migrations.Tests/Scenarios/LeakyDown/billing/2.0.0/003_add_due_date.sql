ALTER TABLE invoices ADD COLUMN due_date date;
CREATE INDEX idx_invoices_due_date ON invoices (due_date);
CREATE INDEX idx_invoices_issued_on ON invoices (issued_on);
