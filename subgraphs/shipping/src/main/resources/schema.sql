-- Shipping subgraph schema; portable between H2 (PostgreSQL mode) and PostgreSQL.
CREATE TABLE IF NOT EXISTS shipment (
  id              VARCHAR(40) PRIMARY KEY,
  order_id        VARCHAR(40) NOT NULL UNIQUE,
  status          VARCHAR(16) NOT NULL
    CHECK (status IN ('PENDING', 'LABEL_CREATED', 'IN_TRANSIT', 'DELIVERED', 'CANCELLED')),
  carrier         VARCHAR(40) NOT NULL,
  tracking_number VARCHAR(60)
);

-- The delivery address of shipments created by the checkout saga (seeded shipments have none).
ALTER TABLE shipment ADD COLUMN IF NOT EXISTS address VARCHAR(500);
