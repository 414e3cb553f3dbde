-- Two reads that scanned, found while writing down which index serves each query (issue 12):
-- cases within a distance in metres of a point (the case list's circle pick) measure on the spheroid, which the
-- geometry index cannot serve; and a timeline line's files are looked up by the line.
create index gov_case_geog_gist on gov_case using gist ((geom::geography));
create index case_attachment_event on case_attachment (event_id);
