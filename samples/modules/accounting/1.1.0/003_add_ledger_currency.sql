ALTER TABLE ledger_entries
    ADD COLUMN currency char(3) NOT NULL DEFAULT 'USD';

ALTER TABLE ledger_entries
    ADD CONSTRAINT chk_ledger_entries_currency CHECK (currency ~ '^[A-Z]{3}$');
