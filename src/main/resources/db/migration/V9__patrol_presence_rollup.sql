-- Which grid cells saw a patrol on which day and which night, kept as fixes arrive. A month's review asks this of
-- every cell; asking the tracks themselves costs a probe per cell and partition (seconds at a week of 30 units),
-- while the rollup is a few thousand rows a month whatever the ping rate.
-- Days run 06:00-20:00 and nights 20:00-06:00 China time (PatrolPresence.DAY_STARTS / NIGHT_STARTS); a night belongs
-- to the date it starts on, so local time shifted back six hours gives its date, and 14:00 of that shifted clock
-- is the start of the night.
create table patrol_presence (
    cell_id bigint  not null references grid_cell (id) on delete cascade,
    day     date    not null,
    night   boolean not null,
    primary key (cell_id, day, night)
);

create function patrol_presence_note() returns trigger language plpgsql as
$$
begin
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

create trigger position_report_presence after insert on position_report
    for each row execute function patrol_presence_note();

insert into patrol_presence (cell_id, day, night)
select distinct c.id, ((f.device_time at time zone 'Asia/Shanghai') - interval '6 hours')::date,
       ((f.device_time at time zone 'Asia/Shanghai') - interval '6 hours')::time >= time '14:00'
  from position_report f join grid_cell c on ST_Intersects(c.geom, f.position)
 where f.responder_id is not null
on conflict do nothing;
