-- The hotspot register's periodic reviews: who looked, when, what they found, and the status it moved to.
create table hotspot_review (
    id          bigint generated always as identity primary key,
    hotspot_id  bigint not null references hotspot (id),
    at          timestamptz not null,
    reviewer    text not null,
    from_status text not null,
    to_status   text not null,
    note        text not null check (length(note) between 1 and 2000)
);
create index hotspot_review_hotspot on hotspot_review (hotspot_id, at);
create trigger hotspot_review_audit after insert or update or delete on hotspot_review for each row execute function audit_row();
