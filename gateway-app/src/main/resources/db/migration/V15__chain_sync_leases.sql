-- One instance syncs a chain at a time. The holder renews its lease well before expires_at; when the holder dies
-- or stops, another instance takes the lease once it has expired. Taken and renewed by one conditional UPDATE
-- (or, the first time, one INSERT), so two instances can never both hold a chain's lease.
CREATE TABLE chain_sync_leases (
    chain_id   VARCHAR(40) PRIMARY KEY,
    holder     VARCHAR(200) NOT NULL,
    taken_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at TIMESTAMP WITH TIME ZONE NOT NULL
);

-- The stored catalogue's revision, moved by every sync that changed anything (in the sync's own transaction, on
-- the row that catalogue writes lock anyway): instances that do not sync a chain read it cheaply and load the
-- catalogue again only when it moved.
ALTER TABLE catalog_write_lock ADD COLUMN revision BIGINT NOT NULL DEFAULT 0;
