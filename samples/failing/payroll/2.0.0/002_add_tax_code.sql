-- Every payslip needs a tax code from 2.0.0 on, but this migration forgets to fill it in for the existing ones:
-- its validation query (002_add_tax_code.json) finds them, and the run rolls back.
ALTER TABLE payslips ADD COLUMN tax_code text;
