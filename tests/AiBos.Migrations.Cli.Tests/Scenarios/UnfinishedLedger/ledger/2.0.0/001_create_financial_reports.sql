CREATE TABLE financial_reports (
    id           bigint PRIMARY KEY,
    value        numeric(12, 2),
    notes        text,
    "timestamp"  timestamptz,
    kind         text NOT NULL DEFAULT 'ledger'
);
