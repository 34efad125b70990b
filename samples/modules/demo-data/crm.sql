-- Demo data for the crm module (schema as of 1.0.0).
-- Runs with search_path set to the tenant schema; table names are unqualified.

INSERT INTO customers (name, email, tags, created_at)
SELECT
    c.name,
    lower(regexp_replace(c.name, '[^A-Za-z0-9]+', '', 'g')) || '@example.com',
    CASE g % 4
        WHEN 0 THEN ARRAY['vip', 'newsletter']
        WHEN 1 THEN ARRAY['newsletter']
        WHEN 2 THEN ARRAY['trial']
        ELSE '{}'::text[]
    END,
    timestamptz '2023-03-01 10:00:00+00' + g * interval '9 days'
FROM unnest(ARRAY[
    'Acme Corporation', 'Globex Industries', 'Initech', 'Umbrella Logistics', 'Stark Manufacturing',
    'Wayne Enterprises', 'Wonka Foods', 'Hooli', 'Vandelay Imports', 'Soylent Nutrition',
    'Cyberdyne Systems', 'Tyrell Biotech', 'Oscorp Labs', 'Gringotts Finance', 'Pied Piper',
    'Dunder Mifflin Paper', 'Bluth Company', 'Prestige Worldwide', 'Monsters Energy Co', 'Wernham Hogg',
    'Sterling Cooper', 'Massive Dynamic', 'Aperture Science', 'Black Mesa Research', 'Nakatomi Trading'
]) WITH ORDINALITY AS c(name, g);

-- One customer without an email (email is optional).
INSERT INTO customers (name, email, tags) VALUES ('Walk-in Retail Customer', NULL, ARRAY['retail']);

-- Two contacts per customer: the first one is the primary contact.
INSERT INTO contacts (customer_id, full_name, email, phone, is_primary, created_at)
SELECT
    cu.id,
    (ARRAY['Alice', 'Bob', 'Carla', 'Dmitri', 'Elena', 'Farid', 'Grace', 'Hiro', 'Ines', 'Jamal'])[1 + ((cu.id * 3 + n) % 10)::int]
        || ' ' ||
    (ARRAY['Smith', 'Nguyen', 'Garcia', 'Müller', 'Rossi', 'Okafor', 'Kowalski', 'Tanaka', 'Silva', 'Johnson'])[1 + ((cu.id * 7 + n * 3) % 10)::int],
    'contact' || n || '.' || cu.id || '@example.com',
    '+1-555-' || lpad(((cu.id * 100 + n * 37) % 10000)::text, 4, '0'),
    n = 1,
    cu.created_at + n * interval '1 day'
FROM customers cu
CROSS JOIN generate_series(1, 2) AS n;
