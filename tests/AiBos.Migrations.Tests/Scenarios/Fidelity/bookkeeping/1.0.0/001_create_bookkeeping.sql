-- A module using every feature a backup must reproduce: identity and serial columns, a standalone sequence,
-- a foreign key, checks, GIN / partial / unique indexes, JSONB, arrays, NULLs, a generated column, a trigger,
-- a view over a module table, and comments.
CREATE SEQUENCE voucher_numbers START WITH 1000 INCREMENT BY 5;

CREATE TABLE accounts (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    code        text          NOT NULL UNIQUE,
    name        text          NOT NULL,
    tags        text[]        NOT NULL DEFAULT '{}',
    settings    jsonb,
    balance     numeric(18,2) NOT NULL DEFAULT 0 CHECK (balance > -1000000),
    name_upper  text GENERATED ALWAYS AS (upper(name)) STORED,
    updated_at  timestamptz
);
COMMENT ON TABLE accounts IS 'Chart of accounts';
COMMENT ON COLUMN accounts.code IS 'Account code, unique per tenant';
CREATE INDEX idx_accounts_settings ON accounts USING GIN (settings);
CREATE INDEX idx_accounts_nonzero ON accounts (code) WHERE balance <> 0;

CREATE TABLE vouchers (
    id          serial PRIMARY KEY,
    number      integer       NOT NULL DEFAULT nextval('voucher_numbers'),
    account_id  bigint        NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    amount      numeric(18,2) NOT NULL,
    memo        text,
    CONSTRAINT vouchers_amount_nonzero CHECK (amount <> 0)
);
CREATE UNIQUE INDEX uq_vouchers_number ON vouchers (number);

CREATE FUNCTION touch_updated_at() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.updated_at := now();
    RETURN NEW;
END $$;
CREATE TRIGGER trg_accounts_touch BEFORE UPDATE ON accounts FOR EACH ROW EXECUTE FUNCTION touch_updated_at();

CREATE VIEW account_totals AS
SELECT a.code, count(v.id) AS vouchers, sum(v.amount) AS total
FROM accounts a LEFT JOIN vouchers v ON v.account_id = a.id
GROUP BY a.code;
COMMENT ON VIEW account_totals IS 'Totals per account';

INSERT INTO accounts (code, name, tags, settings, balance)
SELECT 'A' || n, 'Account ' || n,
       CASE WHEN n % 3 = 0 THEN ARRAY['vat', 'eu'] ELSE '{}' END,
       CASE WHEN n % 4 = 0 THEN NULL ELSE jsonb_build_object('currency', 'EUR', 'limit', n * 10) END,
       CASE WHEN n % 5 = 0 THEN 0 ELSE n * 3.5 END
FROM generate_series(1, 40) AS n;
INSERT INTO vouchers (account_id, amount, memo)
SELECT 1 + (n % 40), n * 1.25, CASE WHEN n % 2 = 0 THEN NULL ELSE 'memo ' || n END
FROM generate_series(1, 120) AS n;
