CREATE TABLE items (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    sku        text NOT NULL,
    name       text NOT NULL,
    unit_price numeric(18,2) NOT NULL DEFAULT 0,
    attributes jsonb NOT NULL DEFAULT '{}'::jsonb,
    created_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT uq_items_sku UNIQUE (sku),
    CONSTRAINT chk_items_unit_price_non_negative CHECK (unit_price >= 0)
);
