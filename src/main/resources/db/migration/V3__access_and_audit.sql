-- Who may see and do what: users with a role and an area scope, device credentials, login
-- throttling, and an append-only audit trail of every change to governance data.

-- Key places and cameras get the grid cell they stand in (the same rule as cases), so access by
-- area is a join on ids, not a spatial test per row.
alter table key_place add column grid_cell_id bigint references grid_cell (id);
alter table camera add column grid_cell_id bigint references grid_cell (id);

create function locate_point_in_cell() returns trigger language plpgsql as
$$
begin
    new.grid_cell_id := locate_grid_cell(new.geom);
    if new.grid_cell_id is null then
        raise exception '% %: point (% %) lies outside every grid cell of the city', tg_table_name, new.code, ST_X(new.geom), ST_Y(new.geom)
            using errcode = 'check_violation';
    end if;
    return new;
end
$$;
create trigger key_place_locate before insert or update of geom on key_place
    for each row execute function locate_point_in_cell();
create trigger camera_locate before insert or update of geom on camera
    for each row execute function locate_point_in_cell();
update key_place set geom = geom;
update camera set geom = geom;
create index key_place_grid_cell on key_place (grid_cell_id);
create index camera_grid_cell on camera (grid_cell_id);

-- ---------------------------------------------------------------------------------------------
-- Users. The scope is a list of area codes of one level: none for the whole city, or townships,
-- communities or grid cells. Codes nest (a cell's code starts with its community's), so "in scope"
-- is a prefix test on codes.
-- ---------------------------------------------------------------------------------------------

create table app_user (
    id            bigint generated always as identity primary key,
    username      varchar(64) not null unique check (username ~ '^[a-z0-9][a-z0-9._-]{2,63}$'),
    display_name  text not null check (length(display_name) between 1 and 100),
    password_hash text not null,
    role          text not null check (role in ('COMMAND', 'DISPATCHER', 'LEADER', 'GRID_WORKER', 'ADMIN')),
    scope_kind    text not null check (scope_kind in ('CITY', 'TOWNSHIP', 'COMMUNITY', 'CELLS')),
    scope_codes   text[] not null default '{}',
    enabled       boolean not null default true,
    demo          boolean not null default false,
    created_at    timestamptz not null default now(),
    version       bigint not null default 0,
    constraint app_user_scope check ((scope_kind = 'CITY') = (cardinality(scope_codes) = 0))
);

-- Failed logins per user name, whether or not the name exists (so locking reveals nothing).
create table login_throttle (
    username      varchar(64) primary key,
    failures      integer not null default 0,
    locked_until  timestamptz,
    last_failure  timestamptz
);

-- Machines that post positions and reports: a token each, stored only as a SHA-256 hash.
create table device (
    id           bigint generated always as identity primary key,
    name         text not null check (length(name) between 1 and 100),
    token_prefix varchar(12) not null unique,
    token_hash   text not null,
    responder_id bigint references responder (id),
    created_by   text not null,
    created_at   timestamptz not null default now(),
    revoked_at   timestamptz,
    last_seen_at timestamptz
);

-- ---------------------------------------------------------------------------------------------
-- The audit trail: one row per change, written by triggers (so no code path can skip it), with
-- the acting user taken from the connection (set_config('gridcommand.actor', ...)). Append-only.
-- ---------------------------------------------------------------------------------------------

create table audit_event (
    id           bigint generated always as identity primary key,
    at           timestamptz not null default clock_timestamp(),
    actor        text not null,
    action       text not null check (action in ('INSERT', 'UPDATE', 'DELETE', 'IMPORT')),
    entity       text not null,
    entity_id    bigint,
    township_id  bigint,
    grid_cell_id bigint,
    before       jsonb,
    after        jsonb
);
create index audit_event_at on audit_event (at);
create index audit_event_entity on audit_event (entity, entity_id);
create index audit_event_township on audit_event (township_id, at);

create function audit_event_append_only() returns trigger language plpgsql as
$$
begin
    raise exception 'the audit trail is append-only: % is not allowed', tg_op using errcode = 'insufficient_privilege';
end
$$;
create trigger audit_event_no_update before update or delete on audit_event
    for each row execute function audit_event_append_only();
create trigger audit_event_no_truncate before truncate on audit_event
    for each statement execute function audit_event_append_only();

create function audit_actor() returns text language sql stable as
$$ select coalesce(nullif(current_setting('gridcommand.actor', true), ''), 'database:' || session_user) $$;

-- The township (and cell) a row belongs to, for reading the trail by area.
create function audit_area(entity text, r jsonb, out township bigint, out cell bigint) language plpgsql stable as
$$
begin
    cell := (r ->> 'grid_cell_id')::bigint;
    township := (r ->> 'township_id')::bigint;
    if entity = 'township' then
        township := (r ->> 'id')::bigint;
    elsif entity = 'grid_cell' then
        cell := (r ->> 'id')::bigint;
        select m.township_id into township from community m where m.id = (r ->> 'community_id')::bigint;
    elsif township is null and cell is not null then
        select m.township_id into township from grid_cell c join community m on m.id = c.community_id where c.id = cell;
    end if;
end
$$;

create function audit_row() returns trigger language plpgsql as
$$
declare
    old_row jsonb := case when tg_op in ('UPDATE', 'DELETE') then to_jsonb(old) end;
    new_row jsonb := case when tg_op in ('INSERT', 'UPDATE') then to_jsonb(new) end;
    area record;
begin
    -- A bulk load is recorded once, by the loader, not row by row.
    if coalesce(current_setting('gridcommand.quiet', true), '') = 'on' then
        return null;
    end if;
    -- Position reports are telemetry, not governance data: a responder that only moved is not audited.
    if tg_table_name = 'responder' and tg_op = 'UPDATE'
       and (old_row - 'position' - 'position_at' - 'version') = (new_row - 'position' - 'position_at' - 'version') then
        return null;
    end if;
    -- Secrets never enter the trail: a changed password or token shows as a flag.
    if tg_table_name in ('app_user', 'device') then
        if tg_op = 'UPDATE' and (old_row ->> 'password_hash' is distinct from new_row ->> 'password_hash'
                                 or old_row ->> 'token_hash' is distinct from new_row ->> 'token_hash') then
            new_row := new_row || '{"secret_changed": true}';
        end if;
        old_row := old_row - 'password_hash' - 'token_hash';
        new_row := new_row - 'password_hash' - 'token_hash';
    end if;
    if tg_op = 'UPDATE' and old_row = new_row then
        return null;
    end if;
    select * into area from audit_area(tg_table_name, coalesce(new_row, old_row));
    insert into audit_event (actor, action, entity, entity_id, township_id, grid_cell_id, before, after)
    values (audit_actor(), tg_op, tg_table_name, (coalesce(new_row, old_row) ->> 'id')::bigint,
            area.township, area.cell, old_row, new_row);
    return null;
end
$$;

create trigger township_audit after insert or update or delete on township for each row execute function audit_row();
create trigger community_audit after insert or update or delete on community for each row execute function audit_row();
create trigger grid_cell_audit after insert or update or delete on grid_cell for each row execute function audit_row();
create trigger road_segment_audit after insert or update or delete on road_segment for each row execute function audit_row();
create trigger patrol_route_audit after insert or update or delete on patrol_route for each row execute function audit_row();
create trigger hotspot_audit after insert or update or delete on hotspot for each row execute function audit_row();
create trigger gov_case_audit after insert or update or delete on gov_case for each row execute function audit_row();
create trigger responder_audit after insert or update or delete on responder for each row execute function audit_row();
create trigger key_place_audit after insert or update or delete on key_place for each row execute function audit_row();
create trigger camera_audit after insert or update or delete on camera for each row execute function audit_row();
create trigger app_user_audit after insert or update or delete on app_user for each row execute function audit_row();
create trigger device_audit after insert or update or delete on device for each row execute function audit_row();
