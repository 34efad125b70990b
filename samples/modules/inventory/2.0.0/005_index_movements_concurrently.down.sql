DROP INDEX CONCURRENTLY IF EXISTS idx_stock_movements_moved_at;
