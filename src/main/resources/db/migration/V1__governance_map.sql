-- The governance map: spatial hierarchy, road network, patrol routes, hotspots, cases,
-- responders, key places and cameras. All geometry in WGS 84 (SRID 4326), lon/lat order.
-- Constraints keep the data honest; the loader and the services rely on them as the last line.

create extension if not exists postgis;
create extension if not exists pgrouting;

-- ---------------------------------------------------------------------------------------------
-- The spatial hierarchy: township (乡镇/街道) → community (村/社区) → grid cell (网格)
-- Codes follow the statistical division codes (统计用区划代码): 12 digits down to village level;
-- a grid cell adds a 3-digit serial (west to east, north to south).
-- ---------------------------------------------------------------------------------------------

create table township (
    id          bigint generated always as identity primary key,
    code        varchar(12) not null unique,
    name        text not null check (length(name) between 1 and 100),
    kind        text not null check (kind in ('TOWN', 'TOWNSHIP', 'STREET')),
    centre_name text,
    geom        geometry(MultiPolygon, 4326) not null,
    constraint township_code_format check (code ~ '^[0-9]{9}000$'),
    constraint township_geom_valid check (ST_IsValid(geom) and not ST_IsEmpty(geom))
);
create index township_geom_gist on township using gist (geom);

create table community (
    id           bigint generated always as identity primary key,
    code         varchar(12) not null unique,
    township_id  bigint not null references township (id),
    name         text not null check (length(name) between 1 and 100),
    kind         text not null check (kind in ('VILLAGE', 'COMMUNITY')),
    station_name text,
    geom         geometry(MultiPolygon, 4326) not null,
    constraint community_code_format check (code ~ '^[0-9]{12}$' and code !~ '000$'),
    constraint community_geom_valid check (ST_IsValid(geom) and not ST_IsEmpty(geom))
);
create index community_geom_gist on community using gist (geom);
create index community_township on community (township_id);

create table grid_cell (
    id                bigint generated always as identity primary key,
    code              varchar(15) not null unique,
    community_id      bigint not null references community (id),
    name              text not null check (length(name) between 1 and 100),
    grid_worker       text,
    grid_worker_phone text,
    households        integer check (households >= 0),
    geom              geometry(Polygon, 4326) not null,
    constraint grid_cell_code_format check (code ~ '^[0-9]{15}$'),
    constraint grid_cell_geom_valid check (ST_IsValid(geom) and not ST_IsEmpty(geom))
);
create index grid_cell_geom_gist on grid_cell using gist (geom);
create index grid_cell_community on grid_cell (community_id);

-- A part smaller than this (m²) outside the parent is digitising noise, not a wrong parent.
create function gc_outside_area_m2(child geometry, parent geometry) returns double precision
    language sql immutable strict parallel safe as
$$ select case when ST_CoveredBy(child, parent) then 0
               else ST_Area(ST_Difference(child, parent)::geography) end $$;

create function community_check_parent() returns trigger language plpgsql as
$$
declare
    parent township%rowtype;
begin
    select * into parent from township where id = new.township_id;
    if left(new.code, 9) <> left(parent.code, 9) then
        raise exception 'community % (%): code must start with its township''s code %', new.code, new.name, left(parent.code, 9)
            using errcode = 'check_violation';
    end if;
    if gc_outside_area_m2(new.geom, parent.geom) > 1.0 then
        raise exception 'community % (%) does not lie in its township % (%)', new.code, new.name, parent.code, parent.name
            using errcode = 'check_violation';
    end if;
    return new;
end
$$;
create trigger community_check_parent before insert or update of geom, township_id, code on community
    for each row execute function community_check_parent();

create function grid_cell_check_parent() returns trigger language plpgsql as
$$
declare
    parent community%rowtype;
    other  text;
begin
    select * into parent from community where id = new.community_id;
    if left(new.code, 12) <> parent.code then
        raise exception 'grid cell %: code must start with its community''s code %', new.code, parent.code
            using errcode = 'check_violation';
    end if;
    if gc_outside_area_m2(new.geom, parent.geom) > 1.0 then
        raise exception 'grid cell % does not lie in its community % (%)', new.code, parent.code, parent.name
            using errcode = 'check_violation';
    end if;
    -- Cells tile their community: interiors may not overlap (boundaries are shared).
    select c.code into other from grid_cell c
     where c.id <> new.id and c.geom && new.geom and ST_Relate(c.geom, new.geom, '2********')
       and ST_Area(ST_Intersection(c.geom, new.geom)::geography) > 1.0
     limit 1;
    if other is not null then
        raise exception 'grid cell % overlaps grid cell %', new.code, other using errcode = 'check_violation';
    end if;
    return new;
end
$$;
create trigger grid_cell_check_parent before insert or update of geom, community_id, code on grid_cell
    for each row execute function grid_cell_check_parent();

-- ---------------------------------------------------------------------------------------------
-- Road network, pgRouting-ready: segments end at junctions; source/target are road_node ids;
-- cost and reverse_cost are seconds of travel (reverse_cost < 0: one-way).
-- ---------------------------------------------------------------------------------------------

create table road_node (
    id   bigint generated always as identity primary key,
    geom geometry(Point, 4326) not null unique
);
create index road_node_geom_gist on road_node using gist (geom);

create table road_segment (
    id           bigint generated always as identity primary key,
    name         text,
    road_class   text not null check (road_class in ('ARTERIAL', 'SECONDARY', 'LOCAL')),
    oneway       boolean not null default false,
    speed_kmh    smallint not null check (speed_kmh between 5 and 130),
    source       bigint references road_node (id),
    target       bigint references road_node (id),
    length_m     double precision generated always as (ST_Length(geom::geography)) stored,
    cost         double precision generated always as (ST_Length(geom::geography) / (speed_kmh / 3.6)) stored,
    reverse_cost double precision generated always as (
                     case when oneway then -1 else ST_Length(geom::geography) / (speed_kmh / 3.6) end) stored,
    geom         geometry(LineString, 4326) not null,
    constraint road_segment_geom_valid check (ST_IsValid(geom) and ST_NPoints(geom) >= 2 and ST_Length(geom) > 0)
);
create index road_segment_geom_gist on road_segment using gist (geom);
create index road_segment_source on road_segment (source);
create index road_segment_target on road_segment (target);

-- Connects segments at shared end points: creates the nodes and fills source/target.
create function road_build_topology() returns integer language plpgsql as
$$
declare
    linked integer;
begin
    insert into road_node (geom)
    select distinct p from (
        select ST_StartPoint(geom) as p from road_segment where source is null
        union
        select ST_EndPoint(geom) from road_segment where target is null) ends
    on conflict (geom) do nothing;
    update road_segment s set source = n.id from road_node n
     where s.source is null and n.geom = ST_StartPoint(s.geom);
    update road_segment s set target = n.id from road_node n
     where s.target is null and n.geom = ST_EndPoint(s.geom);
    get diagnostics linked = row_count;
    return linked;
end
$$;

-- ---------------------------------------------------------------------------------------------
-- Patrol routes (巡防路线) and the windows in which they are to be patrolled
-- ---------------------------------------------------------------------------------------------

create table patrol_route (
    id          bigint generated always as identity primary key,
    code        varchar(32) not null unique,
    name        text not null check (length(name) between 1 and 100),
    team        text not null,
    team_kind   text not null check (team_kind in ('POLICE_PATROL', 'VILLAGE_GUARD', 'JOINT_PATROL', 'SECURITY_GUARD')),
    township_id bigint references township (id),
    geom        geometry(LineString, 4326) not null,
    constraint patrol_route_geom_valid check (ST_IsValid(geom) and ST_NPoints(geom) >= 2)
);
create index patrol_route_geom_gist on patrol_route using gist (geom);

-- days: ISO weekdays 1 (Monday) .. 7; a window whose end is before its start runs past midnight.
create table patrol_window (
    id        bigint generated always as identity primary key,
    route_id  bigint not null references patrol_route (id) on delete cascade,
    days      smallint[] not null check (array_length(days, 1) between 1 and 7 and days <@ array[1,2,3,4,5,6,7]::smallint[]),
    starts_at time not null,
    ends_at   time not null check (ends_at <> starts_at)
);
create index patrol_window_route on patrol_window (route_id);

-- ---------------------------------------------------------------------------------------------
-- Hotspots (治安重点地区/乱点), listed for rectification (挂牌整治) and delisted when fixed
-- ---------------------------------------------------------------------------------------------

create table hotspot (
    id               bigint generated always as identity primary key,
    code             varchar(32) not null unique,
    name             text not null check (length(name) between 1 and 100),
    status           text not null check (status in ('LISTED', 'RECTIFYING', 'UNDER_REVIEW', 'DELISTED')),
    listed_on        date not null,
    delisted_on      date,
    responsible_unit text not null,
    measures         text,
    focus            text[] not null default '{}',
    township_id      bigint references township (id),
    version          bigint not null default 0,
    geom             geometry(Polygon, 4326) not null,
    constraint hotspot_geom_valid check (ST_IsValid(geom) and not ST_IsEmpty(geom)),
    constraint hotspot_delisting check ((status = 'DELISTED') = (delisted_on is not null)
                                        and (delisted_on is null or delisted_on >= listed_on))
);
create index hotspot_geom_gist on hotspot using gist (geom);

-- ---------------------------------------------------------------------------------------------
-- Cases (矛盾纠纷/事件). The point decides the grid cell, community and township.
-- step: the five steps 受理登记 INTAKE, 分流查处 ROUTING, 跟踪督办 SUPERVISION,
-- 报结反馈 FEEDBACK, 回访总结 FOLLOW_UP, then CLOSED.
-- ---------------------------------------------------------------------------------------------

create table gov_case (
    id                 bigint generated always as identity primary key,
    code               varchar(32) not null unique,
    title              text not null check (length(title) between 1 and 200),
    description        text not null default '' check (length(description) <= 5000),
    category           text not null check (category in ('NEIGHBOUR', 'FAMILY', 'LAND', 'LABOUR', 'PROPERTY',
                                                       'PUBLIC_SECURITY', 'HAZARD', 'PETITION', 'OTHER')),
    severity           smallint not null check (severity between 1 and 4),
    source             text not null check (source in ('COUNTER', 'PATROL', 'HOTLINE', 'POLICE_110', 'UPPER_LEVEL')),
    step               text not null check (step in ('INTAKE', 'ROUTING', 'SUPERVISION', 'FEEDBACK', 'FOLLOW_UP', 'CLOSED')),
    parties            jsonb not null default '[]' check (jsonb_typeof(parties) = 'array'),
    reported_at        timestamptz not null,
    deadline           timestamptz,
    closed_at          timestamptz,
    responsible_unit   text,
    responsible_person text,
    grid_cell_id       bigint not null references grid_cell (id),
    community_id       bigint not null references community (id),
    township_id        bigint not null references township (id),
    version            bigint not null default 0,
    updated_at         timestamptz not null default now(),
    geom               geometry(Point, 4326) not null,
    constraint gov_case_closure check ((step = 'CLOSED') = (closed_at is not null)
                                       and (closed_at is null or closed_at >= reported_at)),
    constraint gov_case_deadline check (deadline is null or deadline >= reported_at)
);
create index gov_case_geom_gist on gov_case using gist (geom);
-- The command map shows open cases: a partial index keeps that read small.
create index gov_case_open_geom_gist on gov_case using gist (geom) where step <> 'CLOSED';
create index gov_case_reported_at on gov_case (reported_at);
create index gov_case_grid_cell on gov_case (grid_cell_id);
create index gov_case_community on gov_case (community_id);
create index gov_case_township on gov_case (township_id);

-- The routing rule for a point on a shared boundary: of the cells that cover it, the lowest code wins.
create function locate_grid_cell(p geometry) returns bigint language sql stable strict parallel safe as
$$ select id from grid_cell where geom && p and ST_Covers(geom, p) order by code limit 1 $$;

create function gov_case_locate() returns trigger language plpgsql as
$$
declare
    cell bigint;
begin
    cell := locate_grid_cell(new.geom);
    if cell is null then
        raise exception 'case %: point (% %) lies outside every grid cell of the city', new.code, ST_X(new.geom), ST_Y(new.geom)
            using errcode = 'check_violation';
    end if;
    select c.id, c.community_id, m.township_id into new.grid_cell_id, new.community_id, new.township_id
      from grid_cell c join community m on m.id = c.community_id where c.id = cell;
    return new;
end
$$;
create trigger gov_case_locate before insert or update of geom on gov_case
    for each row execute function gov_case_locate();

-- ---------------------------------------------------------------------------------------------
-- Responders: police patrols, grid workers, mediators, village guards, emergency teams
-- ---------------------------------------------------------------------------------------------

create table responder (
    id          bigint generated always as identity primary key,
    code        varchar(32) not null unique,
    name        text not null check (length(name) between 1 and 100),
    kind        text not null check (kind in ('POLICE_PATROL', 'GRID_WORKER', 'MEDIATOR', 'VILLAGE_GUARD', 'EMERGENCY_TEAM')),
    team        text,
    skills      text[] not null default '{}',
    phone       text,
    status      text not null check (status in ('AVAILABLE', 'ASSIGNED', 'EN_ROUTE', 'ON_SCENE', 'RETURNING', 'OFF_DUTY')),
    township_id bigint references township (id),
    position    geometry(Point, 4326),
    position_at timestamptz,
    version     bigint not null default 0,
    constraint responder_position check ((position is null) = (position_at is null))
);
create index responder_position_gist on responder using gist (position);
-- Nearest-responder and radius queries measure in metres.
create index responder_position_geog on responder using gist ((position::geography));
create index responder_status on responder (status);

-- ---------------------------------------------------------------------------------------------
-- Key places (重点部位) and cameras (技防)
-- ---------------------------------------------------------------------------------------------

create table key_place (
    id       bigint generated always as identity primary key,
    code     varchar(32) not null unique,
    name     text not null check (length(name) between 1 and 100),
    kind     text not null check (kind in ('SCHOOL', 'KINDERGARTEN', 'HOSPITAL', 'ELDERLY_HOME', 'WELFARE_HOME',
                                           'MARKET', 'TRANSPORT_HUB', 'GOVERNMENT')),
    address  text,
    capacity integer check (capacity >= 0),
    contact  text,
    geom     geometry(Point, 4326) not null
);
create index key_place_geom_gist on key_place using gist (geom);
create index key_place_geom_geog on key_place using gist ((geom::geography));

create table camera (
    id          bigint generated always as identity primary key,
    code        varchar(32) not null unique,
    name        text not null check (length(name) between 1 and 100),
    kind        text not null check (kind in ('FIXED', 'DOME', 'PTZ')),
    bearing_deg double precision not null check (bearing_deg >= 0 and bearing_deg < 360),
    fov_deg     double precision not null check (fov_deg > 0 and fov_deg <= 360),
    range_m     double precision not null check (range_m > 0 and range_m <= 1000),
    status      text not null default 'ONLINE' check (status in ('ONLINE', 'OFFLINE')),
    geom        geometry(Point, 4326) not null
);
create index camera_geom_gist on camera using gist (geom);
create index camera_geom_geog on camera using gist ((geom::geography));

-- ---------------------------------------------------------------------------------------------
-- Change feed: every change to what the live map shows is announced through the database,
-- so every app node on this database hears it (LISTEN map_change).
-- A bulk load sets gridcommand.quiet = 'on' for its transaction and announces once.
-- ---------------------------------------------------------------------------------------------

create function notify_map_change() returns trigger language plpgsql as
$$
declare
    row_id bigint;
begin
    if coalesce(current_setting('gridcommand.quiet', true), '') = 'on' then
        return null;
    end if;
    row_id := case when tg_op = 'DELETE' then old.id else new.id end;
    perform pg_notify('map_change', json_build_object('layer', tg_table_name, 'id', row_id, 'op', lower(tg_op))::text);
    return null;
end
$$;

create trigger gov_case_notify after insert or update or delete on gov_case
    for each row execute function notify_map_change();
create trigger responder_notify after insert or update or delete on responder
    for each row execute function notify_map_change();
create trigger hotspot_notify after insert or update or delete on hotspot
    for each row execute function notify_map_change();
