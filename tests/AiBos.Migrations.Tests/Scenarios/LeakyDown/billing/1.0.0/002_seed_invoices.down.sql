DELETE FROM invoices;
