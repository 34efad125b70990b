DROP INDEX IF EXISTS uq_contacts_one_primary_per_customer;
DROP INDEX IF EXISTS idx_contacts_customer_id;
DROP TABLE IF EXISTS contacts;
