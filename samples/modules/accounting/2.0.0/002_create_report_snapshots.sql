CREATE TABLE report_snapshots (
    id                  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    financial_report_id bigint NOT NULL,
    payload             jsonb NOT NULL DEFAULT '{}'::jsonb,
    created_by          text,
    created_at          timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT fk_report_snapshots_financial_report
        FOREIGN KEY (financial_report_id) REFERENCES financial_reports (id) ON DELETE CASCADE,
    CONSTRAINT chk_report_snapshots_payload_object CHECK (jsonb_typeof(payload) = 'object')
);

CREATE INDEX idx_report_snapshots_report_created
    ON report_snapshots (financial_report_id, created_at DESC);
