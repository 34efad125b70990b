ALTER TABLE ledger_entries DROP CONSTRAINT IF EXISTS chk_ledger_entries_currency;
ALTER TABLE ledger_entries DROP COLUMN IF EXISTS currency;
