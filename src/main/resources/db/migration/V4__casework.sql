-- Casework: the five steps as a state machine with a clock per step, an immutable timeline, attachments,
-- routing rules an administrator edits, a holiday calendar, and supervision alerts.

-- A case referred onward to another body (导访) waits in its own step.
alter table gov_case drop constraint gov_case_step_check;
alter table gov_case add constraint gov_case_step_check
    check (step in ('INTAKE', 'ROUTING', 'SUPERVISION', 'FEEDBACK', 'FOLLOW_UP', 'CLOSED', 'REFERRED'));

alter table gov_case
    add column level text not null default 'COMMUNITY' check (level in ('COMMUNITY', 'TOWNSHIP', 'CITY')),
    add column supervision text not null default 'NONE' check (supervision in ('NONE', 'TOWNSHIP', 'CITY')),
    add column step_started_at timestamptz,
    add column step_deadline timestamptz,
    add column outcome text check (length(outcome) <= 5000),
    add column joint_units text[] not null default '{}',
    add column referred_to text,
    add column reopened integer not null default 0,
    add column registered_by text;

-- Existing cases: the clock of their current step starts at registration and runs to the case deadline.
update gov_case set step_started_at = reported_at, step_deadline = deadline where step <> 'CLOSED';
create index gov_case_step_deadline on gov_case (step_deadline) where step not in ('CLOSED', 'REFERRED');
create index gov_case_step on gov_case (step);
create index gov_case_category on gov_case (category);

-- ---------------------------------------------------------------------------------------------
-- The timeline: every step of every case, who, when, a note and the step's details. Immutable.
-- ---------------------------------------------------------------------------------------------
create table case_event (
    id         bigint generated always as identity primary key,
    case_id    bigint not null references gov_case (id) on delete cascade,
    at         timestamptz not null default clock_timestamp(),
    actor      text not null,
    action     text not null check (action in ('REGISTER', 'ROUTE', 'SIGN', 'REPORT', 'ACCEPT', 'REJECT', 'FOLLOW_UP',
                                               'ESCALATE', 'REFER', 'JOINT', 'REOPEN', 'SUPERVISE', 'CORRECT', 'IMPORT')),
    from_step  text,
    to_step    text not null,
    note       text check (length(note) <= 5000),
    details    jsonb not null default '{}'
);
create index case_event_case on case_event (case_id, at);

create function case_event_append_only() returns trigger language plpgsql as
$$
begin
    if tg_op = 'DELETE' and not exists (select 1 from gov_case where id = old.case_id) then
        return old; -- the case itself is being deleted (test clean-up, never done by the app): its timeline goes with it
    end if;
    raise exception 'a case timeline is append-only: % is not allowed', tg_op using errcode = 'insufficient_privilege';
end
$$;
create trigger case_event_no_update before update or delete on case_event
    for each row execute function case_event_append_only();

-- Attachments: photos and documents, in the database (default) or a configured folder.
create table case_attachment (
    id           bigint generated always as identity primary key,
    case_id      bigint not null references gov_case (id) on delete cascade,
    event_id     bigint references case_event (id),
    file_name    text not null check (length(file_name) between 1 and 200),
    content_type text not null,
    size_bytes   bigint not null check (size_bytes > 0),
    sha256       text not null,
    data         bytea,
    stored_path  text,
    created_by   text not null,
    created_at   timestamptz not null default now(),
    constraint case_attachment_stored check ((data is null) <> (stored_path is null))
);
create index case_attachment_case on case_attachment (case_id);

-- ---------------------------------------------------------------------------------------------
-- Rules an administrator edits: who handles what (by category and severity) and in how long.
-- The most specific matching rule wins: a category over "any", a higher minimum severity first.
-- ---------------------------------------------------------------------------------------------
create table routing_rule (
    id            bigint generated always as identity primary key,
    category      text check (category is null or category in ('NEIGHBOUR', 'FAMILY', 'LAND', 'LABOUR', 'PROPERTY',
                                                               'PUBLIC_SECURITY', 'HAZARD', 'PETITION', 'OTHER')),
    min_severity  smallint not null default 1 check (min_severity between 1 and 4),
    unit_template text not null check (length(unit_template) between 1 and 100),
    level         text not null check (level in ('COMMUNITY', 'TOWNSHIP', 'CITY')),
    working_days  integer not null check (working_days between 1 and 90),
    version       bigint not null default 0,
    unique (category, min_severity)
);

insert into routing_rule (category, min_severity, unit_template, level, working_days) values
    (null, 1, '{community}综治工作站', 'COMMUNITY', 15),
    ('NEIGHBOUR', 1, '{community}人民调解委员会', 'COMMUNITY', 15),
    ('FAMILY', 1, '{community}人民调解委员会', 'COMMUNITY', 15),
    ('LAND', 1, '{township}农业农村办', 'TOWNSHIP', 20),
    ('LABOUR', 1, '{township}劳动保障所', 'TOWNSHIP', 15),
    ('PROPERTY', 1, '{township}派出所', 'TOWNSHIP', 10),
    ('PUBLIC_SECURITY', 1, '{township}派出所', 'TOWNSHIP', 7),
    ('HAZARD', 1, '{township}应急管理站', 'TOWNSHIP', 5),
    ('PETITION', 1, '{township}信访办', 'TOWNSHIP', 30),
    (null, 3, '{township}综治中心', 'TOWNSHIP', 5),
    (null, 4, '市综治中心', 'CITY', 2);

-- How long each step may take, in working days (the handling step uses the case's rule instead).
create table step_clock (
    step         text primary key check (step in ('INTAKE', 'ROUTING', 'FEEDBACK', 'FOLLOW_UP')),
    working_days integer not null check (working_days between 1 and 30)
);
insert into step_clock values ('INTAKE', 1), ('ROUTING', 1), ('FEEDBACK', 2), ('FOLLOW_UP', 5);

-- Public holidays on weekdays and make-up working days on weekends (调休), kept by an administrator.
create table calendar_day (
    day  date primary key,
    kind text not null check (kind in ('HOLIDAY', 'WORKDAY')),
    name text
);

-- Changes to the rules are governance changes: they go into the audit trail like any other.
create trigger routing_rule_audit after insert or update or delete on routing_rule for each row execute function audit_row();
create trigger step_clock_audit after insert or update or delete on step_clock for each row execute function audit_row();
create trigger calendar_day_audit after insert or update or delete on calendar_day for each row execute function audit_row();

-- Supervision alerts: a case near or past its step deadline, raised once per step and kind.
create table case_alert (
    id              bigint generated always as identity primary key,
    case_id         bigint not null references gov_case (id) on delete cascade,
    step            text not null,
    kind            text not null check (kind in ('NEAR', 'OVERDUE', 'ESCALATED')),
    raised_at       timestamptz not null default now(),
    step_started_at timestamptz not null,
    unique (case_id, step, kind, step_started_at)
);
create index case_alert_raised on case_alert (raised_at);

create trigger case_alert_notify after insert on case_alert
    for each row execute function notify_map_change();

-- Case codes: AJ + date + a serial per day, handed out atomically (two registrations never collide).
create table case_code_counter (
    day  date primary key,
    last integer not null
);

-- Imported history has no timeline of its own: it gets one line saying where it came from.
insert into case_event (case_id, at, actor, action, to_step, note)
select id, reported_at, 'system:gis-data', 'IMPORT', step, null from gov_case;
