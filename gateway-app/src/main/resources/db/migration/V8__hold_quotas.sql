-- One row per email and show, locked while a hold of that email for that show is recorded, so that two
-- holds placed at once cannot both pass the per-email seat limit.
CREATE TABLE hold_quotas (
    email   VARCHAR(320) NOT NULL,
    show_id VARCHAR(250) NOT NULL,
    PRIMARY KEY (email, show_id)
);
