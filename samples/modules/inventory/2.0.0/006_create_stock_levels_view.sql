CREATE VIEW stock_levels AS
SELECT
    m.item_id,
    m.warehouse_id,
    sum(m.quantity)::bigint AS quantity_on_hand,
    max(m.moved_at)         AS last_moved_at
FROM stock_movements m
GROUP BY m.item_id, m.warehouse_id;
