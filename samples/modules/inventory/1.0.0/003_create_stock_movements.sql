CREATE TABLE stock_movements (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    item_id      bigint NOT NULL,
    warehouse_id bigint NOT NULL,
    quantity     integer NOT NULL,
    reason       text NOT NULL DEFAULT 'adjustment',
    reference    text,
    moved_at     timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT fk_stock_movements_item
        FOREIGN KEY (item_id) REFERENCES items (id) ON DELETE RESTRICT,
    CONSTRAINT fk_stock_movements_warehouse
        FOREIGN KEY (warehouse_id) REFERENCES warehouses (id) ON DELETE RESTRICT,
    CONSTRAINT chk_stock_movements_quantity_non_zero CHECK (quantity <> 0),
    CONSTRAINT chk_stock_movements_reason
        CHECK (reason IN ('receipt', 'shipment', 'transfer', 'adjustment', 'return'))
);

CREATE INDEX idx_stock_movements_item_warehouse ON stock_movements (item_id, warehouse_id);
CREATE INDEX idx_stock_movements_warehouse_id ON stock_movements (warehouse_id);
