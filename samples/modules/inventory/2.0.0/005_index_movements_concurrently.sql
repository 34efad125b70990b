CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_stock_movements_moved_at ON stock_movements (moved_at);
