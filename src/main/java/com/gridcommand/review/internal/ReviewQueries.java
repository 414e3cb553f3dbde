package com.gridcommand.review.internal;

import com.gridcommand.base.db.SqlArrays;
import com.gridcommand.casework.AreaReview.Level;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The review module's SQL: response times, hotspots, households and the cells of each area, for the leaders' review. */
@Component
public class ReviewQueries {

    private final JdbcClient jdbc;

    ReviewQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    private static String areaColumn(Level level) {
        return switch (level) {
            case TOWNSHIP -> "township_id";
            case COMMUNITY -> "community_id";
            case GRID_CELL -> "grid_cell_id";
        };
    }

    private static String areaTable(Level level) {
        return switch (level) {
            case TOWNSHIP -> "township";
            case COMMUNITY -> "community";
            case GRID_CELL -> "grid_cell";
        };
    }

    /** An area's response times, assigned → on scene: median and 90th percentile in minutes, over {@code count} arrivals. */
    public record Responses(double medianMinutes, double p90Minutes, long count) {}

    /**
     * Per area of the level among {@code ids}: the response times of the assignments to its cases made from {@code from} to
     * {@code to} that reached the scene (assignment_assigned_at finds the period's assignments; gov_case's primary key their cases).
     */
    public Map<Long, Responses> responses(Level level, OffsetDateTime from, OffsetDateTime to, Collection<Long> ids) {
        Map<Long, Responses> result = new HashMap<>();
        jdbc.sql("""
                        select k.%s as area,
                               percentile_cont(0.5) within group (order by extract(epoch from s.on_scene_at - s.assigned_at) / 60) as median,
                               percentile_cont(0.9) within group (order by extract(epoch from s.on_scene_at - s.assigned_at) / 60) as p90,
                               count(*) as n
                          from assignment s join gov_case k on k.id = s.case_id
                         where s.on_scene_at is not null and s.assigned_at >= :from and s.assigned_at < :to and k.%1$s = any(:ids)
                         group by k.%1$s""".formatted(areaColumn(level)))
                .param("from", from)
                .param("to", to)
                .param("ids", SqlArrays.bigint(ids))
                .query(rs -> {
                    result.put(rs.getLong("area"), new Responses(rs.getDouble("median"), rs.getDouble("p90"), rs.getLong("n")));
                });
        return result;
    }

    /** A grid cell and the area of a level it belongs to (itself, its community or its township). */
    public record CellArea(long cellId, long areaId) {}

    /** Every grid cell with its area of the level (no index: a scan of grid_cell, some 400 rows in the demo city, with their communities). */
    public List<CellArea> cellAreas(Level level) {
        List<CellArea> result = new ArrayList<>();
        jdbc.sql("select c.id, c.community_id, m.township_id from grid_cell c join community m on m.id = c.community_id")
                .query(rs -> {
                    long area = switch (level) {
                        case TOWNSHIP -> rs.getLong("township_id");
                        case COMMUNITY -> rs.getLong("community_id");
                        case GRID_CELL -> rs.getLong("id");
                    };
                    result.add(new CellArea(rs.getLong("id"), area));
                });
        return result;
    }

    /** How many active and delisted hotspots touch an area. */
    public record Hotspots(int active, int delisted) {}

    /** Per area of the level among {@code ids}: the active and delisted hotspots touching it (the areas by primary key; hotspot_geom_gist the hotspots). */
    public Map<Long, Hotspots> hotspots(Level level, Collection<Long> ids) {
        Map<Long, Hotspots> result = new HashMap<>();
        jdbc.sql("""
                        select a.id, count(*) filter (where h.status <> 'DELISTED') as active, count(*) filter (where h.status = 'DELISTED') as delisted
                          from %s a join hotspot h on ST_Intersects(a.geom, h.geom)
                         where a.id = any(:ids) group by a.id""".formatted(areaTable(level)))
                .param("ids", SqlArrays.bigint(ids))
                .query(rs -> {
                    result.put(rs.getLong("id"), new Hotspots(rs.getInt("active"), rs.getInt("delisted")));
                });
        return result;
    }

    /** Per area of the level among {@code ids}: the households of its grid cells (no index: a scan of grid_cell, some 400 rows in the demo city). */
    public Map<Long, Integer> households(Level level, Collection<Long> ids) {
        Map<Long, Integer> result = new HashMap<>();
        String area = switch (level) {
            case TOWNSHIP -> "m.township_id";
            case COMMUNITY -> "c.community_id";
            case GRID_CELL -> "c.id";
        };
        jdbc.sql("""
                        select %1$s as area, coalesce(sum(c.households), 0) as households
                          from grid_cell c join community m on m.id = c.community_id
                         where %1$s = any(:ids) group by %1$s""".formatted(area))
                .param("ids", SqlArrays.bigint(ids))
                .query(rs -> {
                    result.put(rs.getLong("area"), rs.getInt("households"));
                });
        return result;
    }

    /** The name of the parent area (a township for communities, a community for cells), if there is one by that id (its primary key). */
    public Optional<String> parentName(Level level, long parentId) {
        String table = switch (level) {
            case TOWNSHIP -> throw new IllegalArgumentException("townships have no parent area here");
            case COMMUNITY -> "township";
            case GRID_CELL -> "community";
        };
        return jdbc.sql("select name from " + table + " where id = :id").param("id", parentId).query(String.class).optional();
    }
}
