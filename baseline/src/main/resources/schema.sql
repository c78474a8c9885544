-- The baseline's whole state, in one PostgreSQL database. Money in cents, prices in cents a share.
CREATE TABLE IF NOT EXISTS users (
    account_id   bigserial PRIMARY KEY,
    username     text NOT NULL UNIQUE,
    password     text NOT NULL
);
CREATE TABLE IF NOT EXISTS sessions (
    token_hash   text PRIMARY KEY,
    account_id   bigint NOT NULL REFERENCES users
);
-- One row per (account, asset): asset 0 is cash (cents), an instrument id is its shares.
CREATE TABLE IF NOT EXISTS balances (
    account_id   bigint NOT NULL,
    asset        int NOT NULL,
    balance      bigint NOT NULL DEFAULT 0 CHECK (balance >= 0),
    held         bigint NOT NULL DEFAULT 0 CHECK (held >= 0 AND held <= balance),
    PRIMARY KEY (account_id, asset)
);
CREATE TABLE IF NOT EXISTS instruments (
    id           int PRIMARY KEY,
    symbol       text NOT NULL UNIQUE,
    tick_cents   bigint NOT NULL,
    lot_shares   bigint NOT NULL,
    ref_cents    bigint NOT NULL,
    band_low     bigint NOT NULL,
    band_high    bigint NOT NULL,
    maker_fee    bigint NOT NULL,
    taker_fee    bigint NOT NULL,
    last_cents   bigint NOT NULL DEFAULT 0
);
CREATE SEQUENCE IF NOT EXISTS order_priority;
CREATE TABLE IF NOT EXISTS orders (
    id            bigserial PRIMARY KEY,
    account_id    bigint NOT NULL,
    client_id     text NOT NULL,
    instrument_id int NOT NULL REFERENCES instruments,
    side          char(1) NOT NULL,              -- 'B' or 'S'
    tif           text NOT NULL,                 -- 'gtc', 'day', 'ioc', 'fok'
    limit_cents   bigint NOT NULL,
    quantity      bigint NOT NULL,
    filled        bigint NOT NULL DEFAULT 0,
    filled_cents  bigint NOT NULL DEFAULT 0,
    fees_cents    bigint NOT NULL DEFAULT 0,
    held          bigint NOT NULL,               -- what this order still holds: cents (buy) or shares (sell)
    status        text NOT NULL,                 -- 'new', 'partially_filled', 'filled', 'canceled'
    priority      bigint NOT NULL DEFAULT nextval('order_priority'),
    created_at    timestamptz NOT NULL DEFAULT now(),
    UNIQUE (account_id, client_id)
);
-- The book: open orders by instrument, side and price-time priority.
CREATE INDEX IF NOT EXISTS book ON orders (instrument_id, side, limit_cents, priority) WHERE status IN ('new', 'partially_filled');
CREATE INDEX IF NOT EXISTS orders_of_account ON orders (account_id, id);
CREATE TABLE IF NOT EXISTS fills (
    id            bigserial PRIMARY KEY,
    order_id      bigint NOT NULL,
    account_id    bigint NOT NULL,
    instrument_id int NOT NULL,
    side          char(1) NOT NULL,
    price_cents   bigint NOT NULL,
    quantity      bigint NOT NULL,
    fee_cents     bigint NOT NULL,
    maker         boolean NOT NULL
);
CREATE INDEX IF NOT EXISTS fills_of_account ON fills (account_id, id);
CREATE TABLE IF NOT EXISTS idempotency (
    account_id   bigint NOT NULL,
    key          text NOT NULL,
    status       int NOT NULL,
    body         bytea NOT NULL,
    PRIMARY KEY (account_id, key)
);
