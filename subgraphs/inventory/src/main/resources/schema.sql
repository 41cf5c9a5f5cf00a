-- Inventory schema: portable between H2 (PostgreSQL mode) and PostgreSQL.
CREATE TABLE IF NOT EXISTS warehouse (
  id   VARCHAR(64)  NOT NULL PRIMARY KEY,
  name VARCHAR(200) NOT NULL,
  city VARCHAR(200) NOT NULL
);

-- product_id refers to the catalog's products, which this service does not know: no foreign key.
CREATE TABLE IF NOT EXISTS stock (
  product_id   VARCHAR(64) NOT NULL,
  warehouse_id VARCHAR(64) NOT NULL,
  on_hand      INTEGER     NOT NULL,
  reserved     INTEGER     NOT NULL DEFAULT 0,
  CONSTRAINT stock_pk PRIMARY KEY (product_id, warehouse_id),
  CONSTRAINT stock_warehouse_fk FOREIGN KEY (warehouse_id) REFERENCES warehouse (id),
  CONSTRAINT stock_on_hand_ck CHECK (on_hand >= 0),
  CONSTRAINT stock_reserved_ck CHECK (reserved >= 0 AND reserved <= on_hand)
);

-- One reservation per order: the unique order_id makes reserveStock idempotent, even under races.
CREATE TABLE IF NOT EXISTS reservation (
  order_id   VARCHAR(64) NOT NULL,
  status     VARCHAR(16) NOT NULL,
  created_at TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP NOT NULL,
  CONSTRAINT reservation_order_uk UNIQUE (order_id),
  CONSTRAINT reservation_status_ck CHECK (status IN ('RESERVED', 'RELEASED'))
);

CREATE TABLE IF NOT EXISTS reservation_line (
  order_id     VARCHAR(64) NOT NULL,
  product_id   VARCHAR(64) NOT NULL,
  warehouse_id VARCHAR(64) NOT NULL,
  quantity     INTEGER     NOT NULL,
  CONSTRAINT reservation_line_pk PRIMARY KEY (order_id, product_id, warehouse_id),
  CONSTRAINT reservation_line_order_fk FOREIGN KEY (order_id) REFERENCES reservation (order_id),
  CONSTRAINT reservation_line_warehouse_fk FOREIGN KEY (warehouse_id) REFERENCES warehouse (id),
  CONSTRAINT reservation_line_quantity_ck CHECK (quantity > 0)
);
