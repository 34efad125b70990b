DROP INDEX IF EXISTS idx_ledger_entries_account_code;
DROP TABLE IF EXISTS ledger_entries;
