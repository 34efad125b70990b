CREATE TABLE financial_reports (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    title        text NOT NULL,
    period_start date NOT NULL,
    period_end   date NOT NULL,
    value        numeric(18,2) NOT NULL DEFAULT 0,
    notes        text,
    "timestamp"  timestamptz NOT NULL DEFAULT now(),
    status       text NOT NULL DEFAULT 'draft',
    CONSTRAINT chk_financial_reports_status CHECK (status IN ('draft', 'final')),
    CONSTRAINT chk_financial_reports_period CHECK (period_end >= period_start)
);

CREATE INDEX idx_financial_reports_period ON financial_reports (period_start, period_end);
