-- ---------------------------------------------------------------------------------------------
-- Cluster jobs (DD007): a scheduled job runs on one node at a time, under an advisory lock held by the
-- transaction of its run. This row says who ran it last and when, so the other nodes skip a period that
-- was already run, and a sticky job (the simulator) stays on its node until that node stops finishing runs.
-- Times are the database's clock, one clock for every node.
-- ---------------------------------------------------------------------------------------------
create table job_run (
    name         text primary key check (length(name) between 1 and 100),
    node         text check (length(node) <= 200),
    started_at   timestamptz,
    finished_at  timestamptz,
    runs         bigint not null default 0 check (runs >= 0),
    last_outcome text check (last_outcome in ('OK', 'FAILED')),
    last_error   text check (length(last_error) <= 1000)
);

-- ---------------------------------------------------------------------------------------------
-- The change feed says when a row changed (the database's clock, milliseconds since 1970), so a node
-- measures how long a change took to reach it (the feed's lag) and to reach a screen (ping to push).
-- ---------------------------------------------------------------------------------------------
create or replace function notify_map_change() returns trigger language plpgsql as
$$
declare
    row_id bigint;
begin
    if coalesce(current_setting('gridcommand.quiet', true), '') = 'on' then
        return null;
    end if;
    row_id := case when tg_op = 'DELETE' then old.id else new.id end;
    perform pg_notify('map_change', json_build_object('layer', tg_table_name, 'id', row_id, 'op', lower(tg_op),
                                                      'at', floor(extract(epoch from clock_timestamp()) * 1000)::bigint)::text);
    return null;
end
$$;
