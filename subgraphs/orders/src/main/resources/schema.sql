-- Orders subgraph schema; portable between H2 (PostgreSQL mode) and PostgreSQL.
CREATE TABLE IF NOT EXISTS orders (
  id          VARCHAR(40)  PRIMARY KEY,
  customer_id VARCHAR(40)  NOT NULL,
  status      VARCHAR(16)  NOT NULL
    CHECK (status IN ('PENDING', 'CONFIRMED', 'SHIPPED', 'DELIVERED', 'CANCELLED', 'REJECTED')),
  placed_at   TIMESTAMP WITH TIME ZONE NOT NULL,
  total_cents BIGINT       NOT NULL CHECK (total_cents >= 0),
  currency    VARCHAR(3)   NOT NULL
);

-- Keyset pagination of a customer's orders, newest first.
CREATE INDEX IF NOT EXISTS orders_customer_placed_idx ON orders (customer_id, placed_at DESC, id DESC);

CREATE TABLE IF NOT EXISTS order_line (
  order_id         VARCHAR(40)  NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
  line_no          INT          NOT NULL CHECK (line_no > 0),
  product_id       VARCHAR(40)  NOT NULL,
  product_name     VARCHAR(200) NOT NULL,
  quantity         INT          NOT NULL CHECK (quantity > 0),
  unit_price_cents BIGINT       NOT NULL CHECK (unit_price_cents >= 0),
  PRIMARY KEY (order_id, line_no)
);
