-- Every new hold counts the seats its email already holds at the show. Counted by show_id and email, PostgreSQL took
-- an index by show alone whenever its statistics lagged behind the show's holds (a hot show's new holds, expiry times
-- past the histogram's end), and visited every hold of a busy show for each count: 21,874 rows for one. held_by is
-- the show and the email of a hold while it is HELD (NULL once it ends): the count looks it up in its own index, the
-- only one it can use. The email comes after the last unit separator (CHR(31)), which no valid email contains.
ALTER TABLE holds ADD COLUMN held_by VARCHAR(600);
UPDATE holds SET held_by = show_id || CHR(31) || email WHERE status = 'HELD';
DROP INDEX holds_show_email;
CREATE INDEX holds_held_by ON holds (held_by);
