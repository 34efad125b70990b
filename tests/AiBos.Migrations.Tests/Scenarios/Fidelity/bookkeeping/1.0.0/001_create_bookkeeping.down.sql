DROP VIEW account_totals;
DROP TABLE vouchers;
DROP TABLE accounts;
DROP FUNCTION touch_updated_at();
DROP SEQUENCE voucher_numbers;
