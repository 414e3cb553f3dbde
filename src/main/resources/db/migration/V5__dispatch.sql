-- Dispatch: assignments with every time stamp, tracker positions as day-partitioned tracks, the arrival
-- norm per township, emergencies with their rings, checklists and leaders.

-- Leaders carry phones too: their positions show in emergencies, but they are never dispatch candidates.
alter table responder drop constraint responder_kind_check;
alter table responder add constraint responder_kind_check
    check (kind in ('POLICE_PATROL', 'GRID_WORKER', 'MEDIATOR', 'VILLAGE_GUARD', 'EMERGENCY_TEAM', 'LEADER'));

-- A user who is also a responder acts on their own assignments (accept, en route, on scene, finished).
alter table app_user add column responder_id bigint unique references responder (id);

-- The arrival norm of 110 policing: 5 minutes in the city (streets), 10 in the suburbs; a setting per township.
alter table township add column arrival_norm_minutes smallint not null default 10
    check (arrival_norm_minutes between 1 and 120);
update township set arrival_norm_minutes = case when kind = 'STREET' then 5 else 10 end;

-- ---------------------------------------------------------------------------------------------
-- Assignments (派遣): one responder to one case (or emergency), with every step's time stamp.
-- At most one active assignment per responder, enforced by the database as the last line.
-- ---------------------------------------------------------------------------------------------
create table emergency (
    id           bigint generated always as identity primary key,
    kind         text not null check (kind in ('FIRE', 'FLOOD', 'MASS_INCIDENT', 'TRAFFIC', 'HAZMAT', 'PUBLIC_HEALTH')),
    level        smallint not null check (level between 1 and 4),
    title        text not null check (length(title) between 1 and 200),
    geom         geometry(Point, 4326) not null,
    township_id  bigint not null references township (id),
    declared_by  text not null,
    declared_at  timestamptz not null,
    ended_by     text,
    ended_at     timestamptz,
    version      bigint not null default 0,
    constraint emergency_end check ((ended_at is null) = (ended_by is null) and (ended_at is null or ended_at >= declared_at))
);
create index emergency_active on emergency (declared_at) where ended_at is null;

create table assignment (
    id            bigint generated always as identity primary key,
    case_id       bigint references gov_case (id) on delete cascade,
    emergency_id  bigint references emergency (id),
    responder_id  bigint not null references responder (id),
    township_id   bigint not null references township (id),
    status        text not null check (status in ('ASSIGNED', 'ACCEPTED', 'EN_ROUTE', 'ON_SCENE', 'FINISHED', 'DECLINED', 'CANCELLED')),
    assigned_by   text not null,
    assigned_at   timestamptz not null,
    accepted_at   timestamptz,
    en_route_at   timestamptz,
    on_scene_at   timestamptz,
    ended_at      timestamptz,
    ended_by      text,
    note          text check (length(note) <= 1000),
    -- What the dispatcher saw when assigning: distance, travel time and how it was estimated.
    distance_m    double precision check (distance_m >= 0),
    eta_seconds   integer check (eta_seconds >= 0),
    eta_method    text check (eta_method in ('ROAD', 'STRAIGHT_LINE')),
    version       bigint not null default 0,
    constraint assignment_target check ((case_id is null) <> (emergency_id is null)),
    constraint assignment_times check (
        (accepted_at is null or accepted_at >= assigned_at) and (en_route_at is null or en_route_at >= assigned_at)
        and (on_scene_at is null or on_scene_at >= assigned_at) and (ended_at is null or ended_at >= assigned_at)),
    constraint assignment_ended check ((status in ('FINISHED', 'DECLINED', 'CANCELLED')) = (ended_at is not null))
);
create unique index assignment_one_active on assignment (responder_id)
    where status in ('ASSIGNED', 'ACCEPTED', 'EN_ROUTE', 'ON_SCENE');
create index assignment_case on assignment (case_id, assigned_at);
create index assignment_emergency on assignment (emergency_id);
create index assignment_assigned_at on assignment (assigned_at);
create trigger assignment_audit after insert or update or delete on assignment for each row execute function audit_row();
create trigger assignment_notify after insert or update on assignment for each row execute function notify_map_change();

-- ---------------------------------------------------------------------------------------------
-- Position reports: the tracks. Millions of rows a day, so partitioned by the device's day; the key
-- (device, device time) makes a resent ping a no-op. Partitions are created as days arrive.
-- ---------------------------------------------------------------------------------------------
create table position_report (
    device_id     bigint not null references device (id),
    device_time   timestamptz not null,
    responder_id  bigint,
    received_at   timestamptz not null default now(),
    position      geometry(Point, 4326) not null,
    speed_mps     real check (speed_mps between 0 and 70),
    bearing       real check (bearing >= 0 and bearing < 360),
    altitude_m    real check (altitude_m between -500 and 9000),
    accuracy_m    real check (accuracy_m between 0 and 100000),
    battery_pct   real check (battery_pct between 0 and 100),
    primary key (device_id, device_time)
) partition by range (device_time);
create index position_report_responder on position_report (responder_id, device_time);

-- Creates the partition holding a day (UTC), if missing; safe to call concurrently.
create function position_report_partition(day date) returns text language plpgsql as
$$
declare
    name text := 'position_report_' || to_char(day, 'YYYYMMDD');
begin
    perform pg_advisory_xact_lock(hashtext('position_report_partition'));
    if to_regclass(name) is null then
        execute format('create table %I partition of position_report for values from (%L) to (%L)',
                       name, (day::timestamp at time zone 'UTC'), ((day + 1)::timestamp at time zone 'UTC'));
    end if;
    return name;
end
$$;

-- ---------------------------------------------------------------------------------------------
-- Emergencies (应急): contingency checklists per kind, what was done, and the leaders called in.
-- ---------------------------------------------------------------------------------------------
create table emergency_checklist (
    kind    text not null,
    item_no smallint not null check (item_no > 0),
    text    text not null check (length(text) between 1 and 200),
    primary key (kind, item_no)
);

create table emergency_check (
    emergency_id bigint not null references emergency (id),
    item_no      smallint not null,
    done_by      text not null,
    done_at      timestamptz not null,
    primary key (emergency_id, item_no)
);

create table emergency_leader (
    emergency_id bigint not null references emergency (id),
    user_id      bigint not null references app_user (id),
    status       text not null check (status in ('NOTIFIED', 'ON_THE_WAY', 'ARRIVED')),
    updated_at   timestamptz not null,
    primary key (emergency_id, user_id)
);
create trigger emergency_audit after insert or update or delete on emergency for each row execute function audit_row();
create trigger emergency_notify after insert or update on emergency for each row execute function notify_map_change();

insert into emergency_checklist (kind, item_no, text) values
    ('FIRE', 1, '核实火情位置、燃烧物和被困人员'), ('FIRE', 2, '通知119并报告值班领导'),
    ('FIRE', 3, '疏散周边群众，设置警戒区'), ('FIRE', 4, '切断现场电源、气源'),
    ('FIRE', 5, '引导消防车辆进入现场'), ('FIRE', 6, '统计伤亡和财产损失，续报情况'),
    ('FLOOD', 1, '核实积水或险情范围'), ('FLOOD', 2, '转移低洼地带和危房人员'),
    ('FLOOD', 3, '封闭危险路段和下穿通道'), ('FLOOD', 4, '调集抢险队伍和排涝设备'),
    ('FLOOD', 5, '安置转移群众并保障生活'), ('FLOOD', 6, '每小时续报水情和处置进展'),
    ('MASS_INCIDENT', 1, '核实聚集人数、诉求和带头人员'), ('MASS_INCIDENT', 2, '报告属地党委政府和公安机关'),
    ('MASS_INCIDENT', 3, '相关部门负责人到场对话'), ('MASS_INCIDENT', 4, '维护现场秩序，防止事态扩大'),
    ('MASS_INCIDENT', 5, '做好疏导劝返和矛盾化解'), ('MASS_INCIDENT', 6, '形成书面报告并纳入台账'),
    ('TRAFFIC', 1, '核实事故地点、车辆和伤员'), ('TRAFFIC', 2, '通知122和120'),
    ('TRAFFIC', 3, '设置警示，防止二次事故'), ('TRAFFIC', 4, '疏导交通，保障救援通道'),
    ('TRAFFIC', 5, '保护现场，协助调查'),
    ('HAZMAT', 1, '核实泄漏物质、数量和风向'), ('HAZMAT', 2, '通知119、环保和应急部门'),
    ('HAZMAT', 3, '划定警戒区，下风向人员优先疏散'), ('HAZMAT', 4, '禁止明火和无关人员进入'),
    ('HAZMAT', 5, '组织专业队伍处置，监测周边环境'), ('HAZMAT', 6, '续报处置进展和影响范围'),
    ('PUBLIC_HEALTH', 1, '核实病例数量和症状'), ('PUBLIC_HEALTH', 2, '报告卫生健康部门和疾控机构'),
    ('PUBLIC_HEALTH', 3, '隔离观察密切接触者'), ('PUBLIC_HEALTH', 4, '对相关场所进行消杀'),
    ('PUBLIC_HEALTH', 5, '发布健康提示，做好舆情引导');
