DROP VIEW IF EXISTS stock_levels;
