CREATE TABLE payslips (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    employee   text NOT NULL,
    period     date NOT NULL,
    gross      numeric(12,2) NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT chk_payslips_gross_non_negative CHECK (gross >= 0)
);
