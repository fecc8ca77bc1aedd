-- Finds a show's expired locks without visiting its live ones: run by every lock and box-office sale
-- (under the show's row lock) and by the expiry sweep. The published schema (V1) is unchanged.
--
-- Portable SQL: runs on PostgreSQL and on H2 in PostgreSQL mode.

CREATE INDEX locks_show_expiry ON locks (show_id, state, expires_at);
