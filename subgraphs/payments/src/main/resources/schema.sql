CREATE TABLE IF NOT EXISTS payment (
  id VARCHAR(64) PRIMARY KEY,
  order_id VARCHAR(64) NOT NULL,
  amount NUMERIC(19, 2) NOT NULL,
  currency VARCHAR(3) NOT NULL,
  status VARCHAR(16) NOT NULL,
  provider_reference VARCHAR(128),
  created_at TIMESTAMP WITH TIME ZONE NOT NULL
);

-- the customer whose order the payment is for (owner checks); null when unknown
ALTER TABLE payment ADD COLUMN IF NOT EXISTS customer_id VARCHAR(64);

CREATE INDEX IF NOT EXISTS ix_payment_order ON payment (order_id, created_at);
