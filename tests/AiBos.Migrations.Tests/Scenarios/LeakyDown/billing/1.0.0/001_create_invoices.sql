CREATE TABLE invoices (
    id        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    customer  text          NOT NULL,
    amount    numeric(18,2) NOT NULL CHECK (amount >= 0),
    issued_on date          NOT NULL DEFAULT current_date
);
CREATE INDEX idx_invoices_customer ON invoices (customer);
COMMENT ON TABLE invoices IS 'Invoices issued to customers';
