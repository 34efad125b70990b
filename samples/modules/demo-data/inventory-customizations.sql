-- Demo customizations of the inventory module (documents of version 1.0.0), stored in the tenant schema.
-- Runs with search_path set to the tenant schema. 2.0.0's rules (inventory/2.0.0/customizations) adapt three
-- of them; the warehouse map uses a view 2.0.0 no longer has, so the upgrade quarantines it.

INSERT INTO aibos_customizations (module, kind, key, version, revision, document, updated_by) VALUES
    ('inventory', 'custom_field',  'barcode_label', '1.0.0', 1, '{"label": "Barcode", "binding": "items.barcode", "required": false}', 'demo'),
    ('inventory', 'custom_field',  'unit_price',    '1.0.0', 1, '{"label": "List price", "binding": "items.unit_price"}', 'demo'),
    ('inventory', 'report_layout', 'stock_list',    '1.0.0', 1, '{"view": "list", "pageSize": "50", "columns": ["sku", "name"]}', 'demo'),
    ('inventory', 'report_layout', 'warehouse_map', '1.0.0', 1, '{"view": "map3d", "pageSize": "20"}', 'demo'),
    ('inventory', 'setting',       'reorder',       '1.0.0', 1, '{"threshold": 10}', 'demo');
