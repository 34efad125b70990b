CREATE TABLE invoices (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    customer    text          NOT NULL,
    amount      numeric(18,2) NOT NULL,
    legacy_code text
);
