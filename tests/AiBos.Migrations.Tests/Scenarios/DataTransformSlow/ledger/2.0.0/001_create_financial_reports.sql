CREATE TABLE financial_reports (
    id           bigint PRIMARY KEY,
    value        numeric(12, 2),
    notes        text,
    "timestamp"  timestamptz
);

-- Every insert statement takes a while, so that a test can kill the engine in the middle of a batch.
CREATE FUNCTION financial_reports_slow_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_sleep(0.3);
    RETURN NULL;
END $$;

CREATE TRIGGER financial_reports_slow_insert AFTER INSERT ON financial_reports
    FOR EACH STATEMENT EXECUTE FUNCTION financial_reports_slow_insert();
