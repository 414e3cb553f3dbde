-- Reviews ask "was anyone here, and when": tracks by place, on every day's partition.
create index position_report_position on position_report using gist (position);
