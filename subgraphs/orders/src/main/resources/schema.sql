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

-- Checkout saga (issue 6). An idempotency key maps to one order; the payload hash detects reuse.
CREATE TABLE IF NOT EXISTS order_request (
  idempotency_key VARCHAR(200) PRIMARY KEY,
  payload_hash    VARCHAR(64)  NOT NULL,
  order_id        VARCHAR(40)  NOT NULL REFERENCES orders (id)
);

-- One saga per placed order. The lease (owner, until) says which instance drives it; a saga that
-- is not terminal and whose lease has expired is resumed by recovery.
CREATE TABLE IF NOT EXISTS saga (
  order_id       VARCHAR(40)   PRIMARY KEY REFERENCES orders (id),
  status         VARCHAR(16)   NOT NULL
    CHECK (status IN ('RUNNING', 'COMPENSATING', 'COMPLETED', 'COMPENSATED')),
  target_status  VARCHAR(16),
  reason         VARCHAR(1000),
  customer_id    VARCHAR(40)   NOT NULL,
  address        VARCHAR(500)  NOT NULL,
  payment_method VARCHAR(40)   NOT NULL,
  lease_owner    VARCHAR(64),
  lease_until    TIMESTAMP WITH TIME ZONE NOT NULL,
  created_at     TIMESTAMP WITH TIME ZONE NOT NULL,
  updated_at     TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE INDEX IF NOT EXISTS saga_lease_idx ON saga (status, lease_until);

-- The lines as requested (prices come from the catalog in the pricing step).
CREATE TABLE IF NOT EXISTS saga_line (
  order_id   VARCHAR(40) NOT NULL REFERENCES saga (order_id),
  line_no    INT         NOT NULL,
  product_id VARCHAR(40) NOT NULL,
  quantity   INT         NOT NULL CHECK (quantity > 0),
  PRIMARY KEY (order_id, line_no)
);

-- The saga log: the intent of a step is written before its remote call, the outcome after it.
CREATE TABLE IF NOT EXISTS saga_step (
  order_id       VARCHAR(40)  NOT NULL REFERENCES saga (order_id),
  step_no        INT          NOT NULL,
  name           VARCHAR(32)  NOT NULL,
  status         VARCHAR(24)  NOT NULL,
  attempts       INT          NOT NULL,
  started_at     TIMESTAMP WITH TIME ZONE,
  finished_at    TIMESTAMP WITH TIME ZONE,
  compensated_at TIMESTAMP WITH TIME ZONE,
  failure_reason VARCHAR(1000),
  PRIMARY KEY (order_id, step_no)
);
