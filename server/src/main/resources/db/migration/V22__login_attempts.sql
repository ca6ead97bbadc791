-- A sign-in takes its login_failures rows (one per email, one per address) before the password is checked, under an
-- advisory lock per subject, so concurrent guesses cannot all pass the throttle's count; a successful sign-in then
-- removes its address row by id (and every row of its email). Still a platform table without row-level security:
-- it is read before any workspace is known.
alter table login_failures add column id bigint generated always as identity primary key;
