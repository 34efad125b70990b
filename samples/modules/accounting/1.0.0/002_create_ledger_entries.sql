CREATE TABLE ledger_entries (
    entry_id     bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    account_code text NOT NULL,
    amount       numeric(18,2) NOT NULL,
    description  text,
    status       text NOT NULL DEFAULT 'active',
    created_at   timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT chk_ledger_entries_status CHECK (status IN ('active', 'void'))
);

CREATE INDEX idx_ledger_entries_account_code ON ledger_entries (account_code);
