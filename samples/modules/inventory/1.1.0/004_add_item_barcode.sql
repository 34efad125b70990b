ALTER TABLE items
    ADD COLUMN barcode text;

CREATE UNIQUE INDEX uq_items_barcode ON items (barcode);
