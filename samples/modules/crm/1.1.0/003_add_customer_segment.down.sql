DROP INDEX IF EXISTS idx_customers_segment;
ALTER TABLE customers DROP CONSTRAINT IF EXISTS chk_customers_segment;
ALTER TABLE customers DROP COLUMN IF EXISTS segment;
