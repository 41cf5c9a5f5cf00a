-- Catalog schema: portable between H2 (PostgreSQL mode) and PostgreSQL.
CREATE TABLE IF NOT EXISTS product (
  id           VARCHAR(64)   NOT NULL PRIMARY KEY,
  sku          VARCHAR(64)   NOT NULL,
  name         VARCHAR(200)  NOT NULL,
  description  VARCHAR(2000),
  price_cents  BIGINT        NOT NULL,
  currency     VARCHAR(3)    NOT NULL,
  barcode      VARCHAR(13)   NOT NULL,
  weight_grams INTEGER       NOT NULL,
  length_mm    INTEGER       NOT NULL,
  width_mm     INTEGER       NOT NULL,
  height_mm    INTEGER       NOT NULL,
  CONSTRAINT product_sku_uk UNIQUE (sku),
  CONSTRAINT product_barcode_uk UNIQUE (barcode),
  CONSTRAINT product_price_ck CHECK (price_cents >= 0),
  CONSTRAINT product_dims_ck CHECK (weight_grams > 0 AND length_mm > 0 AND width_mm > 0 AND height_mm > 0)
);
