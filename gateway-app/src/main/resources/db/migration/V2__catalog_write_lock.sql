-- One row that catalogue writes lock in turn: chains share city and movie rows.
CREATE TABLE catalog_write_lock (
    id INT PRIMARY KEY
);
INSERT INTO catalog_write_lock (id) VALUES (1);
