-- Failed sign-ins counted per user name and client address, and per client address over all names: a
-- stranger's wrong passwords lock a name only for the stranger's own address (the real user elsewhere still
-- gets in), and too many failures from one address, whichever names, pause sign-in from that address.
-- The old table locked a name for everyone; its short-lived locks are dropped with it.
drop table login_throttle;

create table login_throttle (
    username      varchar(64) not null,
    client        varchar(64) not null,
    failures      integer not null default 0,
    locked_until  timestamptz,
    last_failure  timestamptz not null,
    primary key (username, client)
);
create index login_throttle_last_failure on login_throttle (last_failure);

create table login_client_throttle (
    client        varchar(64) primary key,
    failures      integer not null default 0,
    locked_until  timestamptz,
    last_failure  timestamptz not null
);
create index login_client_throttle_last_failure on login_client_throttle (last_failure);
