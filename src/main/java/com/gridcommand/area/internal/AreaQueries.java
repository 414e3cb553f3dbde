package com.gridcommand.area.internal;

import com.gridcommand.area.AreaDetails;
import com.gridcommand.area.AreaLevel;
import com.gridcommand.geo.Bbox;
import com.gridcommand.geo.FeatureExtent;
import com.gridcommand.geo.FeaturePage;
import com.gridcommand.geo.GeoFeature;
import com.gridcommand.geo.Viewport;
import com.gridcommand.security.AccessScope;
import com.gridcommand.security.ScopeSql;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The area module's spatial SQL. Every read is limited to the caller's scope. */
@Repository
public class AreaQueries {

    private final JdbcClient jdbc;

    AreaQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The scope condition for an area of a level: it has a grid cell in scope. */
    static String inScope(AreaLevel level, String alias) {
        return switch (level) {
            case TOWNSHIP -> ScopeSql.townshipId(alias + ".id");
            case COMMUNITY -> ScopeSql.communityId(alias + ".id");
            case GRID_CELL -> ScopeSql.cellCode(alias + ".code");
        };
    }

    /**
     * Areas in scope whose true boundary intersects the box (exact; GiST on the area's geom), drawn with
     * the boundary generalised for the zoom band (area_generalized), or the true one from
     * {@link AreaGeneralizer#RAW_FROM_ZOOM} on.
     */
    public List<GeoFeature> inView(AreaLevel level, Viewport viewport, AccessScope scope) {
        String table = table(level);
        int band = AreaGeneralizer.band(viewport.zoom());
        String kind = level == AreaLevel.GRID_CELL ? "null::text" : "a.kind";
        String geometry = band < 0 ? "a.geom" : "g.geom";
        String join = band < 0 ? "" : "join area_generalized g on g.level = :level and g.zoom = :band and g.area_id = a.id";
        Bbox b = viewport.bbox();
        return ScopeSql.bind(jdbc.sql("""
                        select a.id, a.code, a.name, %s as kind, ST_AsGeoJSON(%s, :decimals) as geometry
                          from %s a %s
                         where ST_Intersects(a.geom, ST_MakeEnvelope(:w, :s, :e, :n, 4326)) and %s
                         order by a.code
                        """.formatted(kind, geometry, table, join, inScope(level, "a"))), scope)
                .param("level", level.name()).param("band", band).param("decimals", viewport.decimals())
                .param("w", b.west()).param("s", b.south()).param("e", b.east()).param("n", b.north())
                .query((rs, i) -> feature(rs))
                .list();
    }

    /**
     * Where to write each area's name: the centre of the largest circle inside it (so a crescent's name is not set
     * outside it), for the areas in scope whose boundary meets the box (GiST on the area's geom) and whose centre lies
     * in it. Point features with the property {@code name}.
     */
    public List<GeoFeature> labels(AreaLevel level, Viewport viewport, AccessScope scope) {
        Bbox b = viewport.bbox();
        return ScopeSql.bind(jdbc.sql("""
                        select a.id, a.name, ST_AsGeoJSON(p, 6) as geometry
                          from %s a, lateral (select (ST_MaximumInscribedCircle(a.geom)).center as p) c
                         where ST_Intersects(a.geom, ST_MakeEnvelope(:w, :s, :e, :n, 4326)) and %s
                           and ST_Intersects(p, ST_MakeEnvelope(:w, :s, :e, :n, 4326))
                         order by a.code
                        """.formatted(table(level), inScope(level, "a"))), scope)
                .param("w", b.west()).param("s", b.south()).param("e", b.east()).param("n", b.north())
                .query((rs, i) -> new GeoFeature(Long.toString(rs.getLong("id")), rs.getString("geometry"),
                        Map.of("name", rs.getString("name"))))
                .list();
    }

    private static GeoFeature feature(java.sql.ResultSet rs) throws java.sql.SQLException {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("code", rs.getString("code"));
        p.put("name", rs.getString("name"));
        if (rs.getString("kind") != null) p.put("kind", rs.getString("kind"));
        return new GeoFeature(Long.toString(rs.getLong("id")), rs.getString("geometry"), p);
    }

    /**
     * A page of the areas of a level in scope intersecting the box, true boundaries, by id (GiST on the
     * area's geom for the box, its primary key for the order), and how many match.
     */
    public FeaturePage page(AreaLevel level, FeaturePage.Request request, AccessScope scope) {
        String kind = level == AreaLevel.GRID_CELL ? "null::text" : "a.kind";
        String where = request.where("a.geom", "a.id") + " and " + inScope(level, "a");
        List<GeoFeature> features = ScopeSql.bind(jdbc.sql("select a.id, a.code, a.name, %s as kind, ST_AsGeoJSON(a.geom, 7) as geometry from %s a where %s%s"
                        .formatted(kind, table(level), where, request.cut("a.id"))), scope)
                .params(request.params()).query((rs, i) -> feature(rs)).list();
        Long matched = request.matchedFrom(features.size());
        if (matched == null) {
            matched = ScopeSql.bind(jdbc.sql("select count(*) from %s a where %s".formatted(table(level), where)), scope)
                    .params(request.params()).query(Long.class).single();
        }
        return new FeaturePage(features, matched);
    }

    /** Where the areas of a level in scope lie: ST_Extent of their stored boxes (a scan of the level's rows; no index needed). */
    public FeatureExtent extent(AreaLevel level, AccessScope scope) {
        return ScopeSql.bind(jdbc.sql(FeatureExtent.sql("a.geom", null, table(level) + " a", inScope(level, "a"))), scope)
                .query((rs, i) -> FeatureExtent.read(rs)).single();
    }

    public Optional<AreaDetails> details(AreaLevel level, long id, AccessScope scope) {
        String sql = switch (level) {
            case TOWNSHIP -> """
                    select t.id, t.code, t.name, t.kind, null as parent, null as grand_parent, t.centre_name as station,
                           null as grid_worker, null as grid_worker_phone, null::int as households,
                           ST_Area(t.geom::geography) / 1e6 as km2
                      from township t where t.id = :id and """ + inScope(level, "t");
            case COMMUNITY -> """
                    select m.id, m.code, m.name, m.kind, t.name as parent, null as grand_parent, m.station_name as station,
                           null as grid_worker, null as grid_worker_phone,
                           (select sum(households) from grid_cell where community_id = m.id)::int as households,
                           ST_Area(m.geom::geography) / 1e6 as km2
                      from community m join township t on t.id = m.township_id where m.id = :id and """ + inScope(level, "m");
            case GRID_CELL -> """
                    select c.id, c.code, c.name, null as kind, m.name as parent, t.name as grand_parent, m.station_name as station,
                           c.grid_worker, c.grid_worker_phone, c.households, ST_Area(c.geom::geography) / 1e6 as km2
                      from grid_cell c join community m on m.id = c.community_id join township t on t.id = m.township_id
                     where c.id = :id and """ + inScope(level, "c");
        };
        return ScopeSql.bind(jdbc.sql(sql), scope).param("id", id).query((rs, i) -> new AreaDetails(level, rs.getLong("id"),
                rs.getString("code"), rs.getString("name"), rs.getString("kind"), rs.getString("parent"), rs.getString("grand_parent"),
                rs.getString("station"), rs.getString("grid_worker"), rs.getString("grid_worker_phone"),
                (Integer) rs.getObject("households"), rs.getDouble("km2"))).optional();
    }

    /** The box around the grid cells in scope; empty before a map is loaded or for a scope with none. */
    public Optional<Bbox> extent(AccessScope scope) {
        return ScopeSql.bind(jdbc.sql("""
                        select ST_XMin(e) w, ST_YMin(e) s, ST_XMax(e) e, ST_YMax(e) n
                          from (select ST_Extent(geom)::geometry e from grid_cell c where %s) x where e is not null"""
                        .formatted(ScopeSql.cellCode("c.code"))), scope)
                .query((rs, i) -> new Bbox(rs.getDouble("w"), rs.getDouble("s"), rs.getDouble("e"), rs.getDouble("n")))
                .optional();
    }

    /** Sets a cell's grid worker if the cell is in scope; false when it is not (or does not exist). */
    public boolean assignGridWorker(long cellId, String name, String phone, AccessScope scope) {
        return ScopeSql.bind(jdbc.sql("update grid_cell c set grid_worker = :name, grid_worker_phone = :phone where c.id = :id and "
                        + ScopeSql.cellCode("c.code")), scope)
                .param("name", name).param("phone", phone).param("id", cellId).update() == 1;
    }

    /** The areas of a level in scope, for pickers: id, code, name. */
    public List<String[]> list(AreaLevel level, AccessScope scope) {
        return ScopeSql.bind(jdbc.sql("select a.id, a.code, a.name from %s a where %s order by a.code"
                        .formatted(table(level), inScope(level, "a"))), scope)
                .query((rs, i) -> new String[]{rs.getString(1), rs.getString(2), rs.getString(3)}).list();
    }

    /** Communities and grid cells in scope whose name contains the text, each with a point inside it. */
    public List<com.gridcommand.geo.NamedPoint> search(String text, int limit, AccessScope scope) {
        String pattern = "%" + text.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
        return ScopeSql.bind(jdbc.sql("""
                        select * from (
                          select 'COMMUNITY' as kind, m.name, t.name as context, ST_X(p) as lon, ST_Y(p) as lat
                            from community m join township t on t.id = m.township_id, ST_PointOnSurface(m.geom) p
                           where m.name ilike :pattern and %s
                          union all
                          select 'GRID_CELL', c.name, m.name, ST_X(p), ST_Y(p)
                            from grid_cell c join community m on m.id = c.community_id, ST_PointOnSurface(c.geom) p
                           where c.name ilike :pattern and %s) x
                         order by length(name), name limit :limit""".formatted(inScope(AreaLevel.COMMUNITY, "m"), inScope(AreaLevel.GRID_CELL, "c"))),
                        scope)
                .param("pattern", pattern).param("limit", limit)
                .query((rs, i) -> new com.gridcommand.geo.NamedPoint(rs.getString(1), rs.getString(2), rs.getString(3), rs.getDouble(4), rs.getDouble(5)))
                .list();
    }

    static String table(AreaLevel level) {
        return switch (level) {
            case TOWNSHIP -> "township";
            case COMMUNITY -> "community";
            case GRID_CELL -> "grid_cell";
        };
    }
}
