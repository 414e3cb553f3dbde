-- The nearest responders who can be sent (issue 13): the KNN walk over every positioned responder visited about
-- twice the rows it kept (the others assigned, on scene or off duty) and read three times the pages. This index holds
-- only the dispatchable positioned ones, so the walk reads nothing it throws away. Its predicate is the text of
-- DispatchQueries' dispatchable() conditions, which the planner must find implied by the query's WHERE to use it.
create index responder_dispatchable_geog on responder using gist ((position::geography))
    where status in ('AVAILABLE', 'RETURNING') and kind <> 'LEADER' and position is not null;
