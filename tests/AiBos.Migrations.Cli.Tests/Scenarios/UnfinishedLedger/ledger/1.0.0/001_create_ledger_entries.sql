CREATE TABLE ledger_entries (
    entry_id     bigint PRIMARY KEY,
    amount       numeric(12, 2) NOT NULL,
    description  text,
    status       text NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now()
);
