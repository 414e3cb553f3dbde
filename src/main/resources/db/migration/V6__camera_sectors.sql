-- What a camera sees: its view sector as a polygon, from its position, bearing (degrees from north,
-- clockwise), field of view and range in metres. Arc points are placed on the spheroid (ST_Project), so
-- the sector is true to metres anywhere; a 360° camera sees a disc.
create function camera_sector(at_point geometry, bearing double precision, fov double precision, range_m double precision,
                              segments integer default 24) returns geometry language sql immutable strict parallel safe as
$$
    select case
               when fov >= 360 then ST_Buffer(at_point::geography, range_m, 32)::geometry
               else ST_MakePolygon(ST_MakeLine(array[at_point]
                        || array(select ST_SetSRID(ST_Project(at_point::geography, range_m,
                                                              radians(bearing - fov / 2 + fov * i / segments))::geometry, 4326)
                                   from generate_series(0, segments) i)
                        || array[at_point]))
           end
$$;
