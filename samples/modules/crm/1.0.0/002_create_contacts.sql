CREATE TABLE contacts (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    customer_id bigint NOT NULL,
    full_name   text NOT NULL,
    email       text,
    phone       text,
    is_primary  boolean NOT NULL DEFAULT false,
    created_at  timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT fk_contacts_customer
        FOREIGN KEY (customer_id) REFERENCES customers (id) ON DELETE CASCADE
);

CREATE INDEX idx_contacts_customer_id ON contacts (customer_id);

CREATE UNIQUE INDEX uq_contacts_one_primary_per_customer
    ON contacts (customer_id) WHERE is_primary;
