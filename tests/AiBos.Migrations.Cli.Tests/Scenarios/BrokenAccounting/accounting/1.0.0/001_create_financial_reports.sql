CREATE TABLE financial_reports (
    id    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    title text NOT NULL,
    value numeric(18,2) NOT NULL DEFAULT 0
);
INSERT INTO financial_reports (title, value) VALUES ('Q1', 100), ('Q2', 250), ('Q3', 0);
