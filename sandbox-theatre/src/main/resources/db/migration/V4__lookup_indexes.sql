-- Finds the bookings a client's confirmations made with a reference (GET /theatre/v1/bookings?reference=),
-- which a client asks when it lost a confirmation's answer. Locks are found by (show_id, reference) through
-- locks_show_reference in V1. The published schema (V1) is unchanged.
--
-- Portable SQL: runs on PostgreSQL and on H2 in PostgreSQL mode.

CREATE INDEX bookings_reference ON bookings (reference);
