-- The margins of an event that re-margins the whole book (a price update, a parameter change), kept apart from its
-- answer: the answer says how many accounts were re-margined ("remargined"), this column holds each one's figures
-- in binary (MarginsColumn: a version byte, the health-state names, then per account its id, five doubles as their
-- IEEE 754 bits, the state, the snapshot version and the degraded flag). JSON for 100,000 accounts was 20 MB a tick
-- and took longer to write than the re-margining; the streams rebuild the same margin messages from these bytes.
-- NULL for every other event (their answer lists its few margins itself) and for events logged before this version.
ALTER TABLE events ADD COLUMN margins BYTEA;
