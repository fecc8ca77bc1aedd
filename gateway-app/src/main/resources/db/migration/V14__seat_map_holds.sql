-- Seat maps read, per change of a show's seats, the seats of its active holds and of its holds ended since the
-- chain last answered; both by show, so neither scans every hold of a busy show.
CREATE INDEX holds_show_active ON holds (show_id, status, expires_at);
CREATE INDEX holds_show_ended ON holds (show_id, ended_at);
