-- Pre-generalised area boundaries, one row per area and zoom band. Cells are simplified together as
-- a coverage (shared edges stay shared), and communities and townships are unions of the simplified
-- cells, so the three levels nest exactly at every zoom. Rebuilt whenever the areas change.
create table area_generalized (
    level   text not null check (level in ('TOWNSHIP', 'COMMUNITY', 'GRID_CELL')),
    zoom    smallint not null check (zoom between 0 and 22),
    area_id bigint not null,
    geom    geometry(MultiPolygon, 4326) not null,
    primary key (level, zoom, area_id),
    constraint area_generalized_valid check (ST_IsValid(geom) and not ST_IsEmpty(geom))
);
create index area_generalized_geom_gist on area_generalized using gist (geom);
