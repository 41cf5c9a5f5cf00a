CREATE TABLE IF NOT EXISTS customer (
  id VARCHAR(64) PRIMARY KEY,
  email VARCHAR(254) NOT NULL,
  name VARCHAR(200) NOT NULL,
  tier VARCHAR(16) NOT NULL,
  created_at TIMESTAMP WITH TIME ZONE NOT NULL,
  CONSTRAINT uq_customer_email UNIQUE (email)
);

CREATE TABLE IF NOT EXISTS loyalty_entry (
  id VARCHAR(64) PRIMARY KEY,
  customer_id VARCHAR(64) NOT NULL REFERENCES customer (id),
  points INTEGER NOT NULL,
  reason VARCHAR(500) NOT NULL,
  created_at TIMESTAMP WITH TIME ZONE NOT NULL,
  CONSTRAINT uq_loyalty_customer_reason UNIQUE (customer_id, reason)
);

CREATE INDEX IF NOT EXISTS ix_loyalty_customer_created
  ON loyalty_entry (customer_id, created_at, id);
