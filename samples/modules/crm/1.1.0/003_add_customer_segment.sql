ALTER TABLE customers
    ADD COLUMN segment text NOT NULL DEFAULT 'smb';

ALTER TABLE customers
    ADD CONSTRAINT chk_customers_segment CHECK (segment IN ('smb', 'mid', 'enterprise'));

CREATE INDEX idx_customers_segment ON customers (segment);
