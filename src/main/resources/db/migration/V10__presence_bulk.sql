-- A bulk insert of tracks (the demo city's recent past) sets gridcommand.quiet for its transaction and fills the
-- presence rollup once, set-based, instead of one cell lookup per fix.
create or replace function patrol_presence_note() returns trigger language plpgsql as
$$
begin
    if coalesce(current_setting('gridcommand.quiet', true), '') = 'on' then
        return null;
    end if;
    if new.responder_id is not null then
        insert into patrol_presence (cell_id, day, night)
        select c.id, ((new.device_time at time zone 'Asia/Shanghai') - interval '6 hours')::date,
               ((new.device_time at time zone 'Asia/Shanghai') - interval '6 hours')::time >= time '14:00'
          from grid_cell c where ST_Intersects(c.geom, new.position)
        on conflict do nothing;
    end if;
    return null;
end
$$;
