DROP INDEX IF EXISTS idx_stock_movements_warehouse_id;
DROP INDEX IF EXISTS idx_stock_movements_item_warehouse;
DROP TABLE IF EXISTS stock_movements;
