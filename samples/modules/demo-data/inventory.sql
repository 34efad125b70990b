-- Demo data for the inventory module (schema as of 1.0.0).
-- Runs with search_path set to the tenant schema; table names are unqualified.

INSERT INTO warehouses (code, name, city, country_code, is_active) VALUES
    ('WH-NYC', 'New York Distribution Center', 'New York',    'US', true),
    ('WH-CHI', 'Chicago Hub',                  'Chicago',     'US', true),
    ('WH-DAL', 'Dallas Fulfillment',           'Dallas',      'US', true),
    ('WH-ATL', 'Atlanta Cross-Dock',           'Atlanta',     'US', true),
    ('WH-DEN', 'Denver Regional',              'Denver',      'US', true),
    ('WH-PHX', 'Phoenix Fulfillment',          'Phoenix',     'US', true),
    ('WH-SEA', 'Seattle Port Warehouse',       'Seattle',     'US', true),
    ('WH-LAX', 'Los Angeles Gateway',          'Los Angeles', 'US', true),
    ('WH-MIA', 'Miami Export Center',          'Miami',       'US', true),
    ('WH-BOS', 'Boston Micro-Fulfillment',     'Boston',      'US', true),
    ('WH-TOR', 'Toronto Warehouse',            'Toronto',     'CA', true),
    ('WH-VAN', 'Vancouver Depot',              'Vancouver',   'CA', true),
    ('WH-MEX', 'Mexico City Distribution',     'Mexico City', 'MX', true),
    ('WH-RTM', 'Rotterdam EU Gateway',         'Rotterdam',   'NL', true),
    ('WH-HAM', 'Hamburg Logistics Park',       'Hamburg',     'DE', true),
    ('WH-LYS', 'Lyon Regional',                'Lyon',        'FR', true),
    ('WH-MAD', 'Madrid South',                 'Madrid',      'ES', true),
    ('WH-MIL', 'Milan North',                  'Milan',       'IT', true),
    ('WH-LON', 'London Heathrow Depot',        'London',      'GB', true),
    ('WH-OLD', 'Newark Overflow (closed)',     'Newark',      'US', false);

INSERT INTO items (sku, name, unit_price, attributes)
SELECT
    'SKU-' || lpad(g::text, 5, '0'),
    (ARRAY['Steel Bolt M8', 'Hex Nut M8', 'Wood Screw 4x40', 'Cable Tie 200mm', 'Safety Gloves',
           'LED Bulb 9W', 'Extension Cord 5m', 'Duct Tape 50m', 'Paint Brush 2in', 'Work Lamp'])[1 + (g % 10)]
        || ' (pack of ' || (5 * (1 + g % 4)) || ')',
    round((1.49 + (g * 37 % 500) / 10.0)::numeric, 2),
    jsonb_build_object(
        'color',  (ARRAY['black', 'silver', 'yellow', 'blue'])[1 + (g % 4)],
        'weight_kg', round((0.1 + (g % 13) * 0.35)::numeric, 2),
        'hazmat', g % 17 = 0
    )
FROM generate_series(1, 40) AS g;

-- Opening receipts: every 2nd item is received into one active warehouse,
-- every 4th item additionally into a second one.
INSERT INTO stock_movements (item_id, warehouse_id, quantity, reason, reference, moved_at)
SELECT
    i.id,
    w.id,
    50 + (i.id * 13 + w.id * 7) % 200,
    'receipt',
    'PO-' || lpad((1000 + i.id * 10 + w.id)::text, 6, '0'),
    timestamptz '2024-01-05 08:00:00+00' + (i.id + w.id) * interval '2 hours'
FROM items i
JOIN warehouses w
  ON w.is_active
 AND (w.id = 1 + (i.id % 19) OR (i.id % 4 = 0 AND w.id = 1 + ((i.id + 7) % 19)))
WHERE i.id % 2 = 0;

-- Shipments and adjustments afterwards (always smaller than what was received).
INSERT INTO stock_movements (item_id, warehouse_id, quantity, reason, reference, moved_at)
SELECT
    m.item_id,
    m.warehouse_id,
    -(1 + (m.id * 11) % 40),
    CASE WHEN m.id % 9 = 0 THEN 'adjustment' ELSE 'shipment' END,
    CASE WHEN m.id % 9 = 0 THEN 'CYCLE-COUNT' ELSE 'SO-' || lpad((5000 + m.id)::text, 6, '0') END,
    m.moved_at + interval '12 days' + (m.id % 24) * interval '1 hour'
FROM stock_movements m
WHERE m.reason = 'receipt' AND m.id % 3 <> 0;

-- A few customer returns.
INSERT INTO stock_movements (item_id, warehouse_id, quantity, reason, reference, moved_at)
SELECT item_id, warehouse_id, 2, 'return', 'RMA-' || id, moved_at + interval '30 days'
FROM stock_movements
WHERE reason = 'shipment' AND id % 10 = 0;
