-- Every new hold counts the seats its email already holds at the show (JdbcHoldStore.EMAIL_SEATS_AT_SHOW), from the
-- email's own holds: this index finds them. The index by show and email it replaces was passed over by PostgreSQL's
-- plans for indexes by show alone, which visited every hold of a busy show for each count.
DROP INDEX holds_show_email;
CREATE INDEX holds_email ON holds (email);
