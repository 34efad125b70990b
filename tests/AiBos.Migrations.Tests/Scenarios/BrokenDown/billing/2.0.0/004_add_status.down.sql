-- Wrong on purpose: drops a column that does not exist, so the rollback fails.
ALTER TABLE invoices DROP COLUMN state;
