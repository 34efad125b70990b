CREATE TABLE deals (
    id                  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    customer_id         bigint NOT NULL,
    title               text NOT NULL,
    amount              numeric(18,2) NOT NULL DEFAULT 0,
    stage               text NOT NULL DEFAULT 'lead',
    expected_close_date date,
    financial_report_id bigint NULL,
    created_at          timestamptz NOT NULL DEFAULT now(),
    updated_at          timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT fk_deals_customer
        FOREIGN KEY (customer_id) REFERENCES customers (id) ON DELETE CASCADE,
    CONSTRAINT fk_deals_financial_report
        FOREIGN KEY (financial_report_id) REFERENCES financial_reports (id) ON DELETE SET NULL,
    CONSTRAINT chk_deals_stage
        CHECK (stage IN ('lead', 'qualified', 'proposal', 'negotiation', 'won', 'lost')),
    CONSTRAINT chk_deals_amount_non_negative CHECK (amount >= 0)
);

CREATE INDEX idx_deals_customer_id ON deals (customer_id);
CREATE INDEX idx_deals_stage ON deals (stage);
CREATE INDEX idx_deals_financial_report_id ON deals (financial_report_id);
