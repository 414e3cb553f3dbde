package com.gridcommand.area.internal;

import com.gridcommand.area.AreaLevel;
import com.gridcommand.geo.Viewport;
import com.gridcommand.geo.Wgs84;
import org.locationtech.jts.coverage.CoverageSimplifier;
import org.locationtech.jts.coverage.CoverageUnion;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.Polygonal;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKBReader;
import org.locationtech.jts.io.WKBWriter;
import org.locationtech.jts.simplify.TopologyPreservingSimplifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the per-zoom boundaries in {@code area_generalized}. Grid cells are simplified together as a
 * coverage (JTS CoverageSimplifier: shared edges stay shared, no gaps or slivers appear between
 * neighbours), then communities and townships are the exact unions of their simplified cells, so the
 * levels nest at every zoom. Should a city's data not form a clean coverage, each polygon is
 * simplified on its own instead (still valid, neighbours may differ by under a pixel).
 */
@Component
public class AreaGeneralizer {

    /** From this zoom on the map draws true boundaries. */
    public static final int RAW_FROM_ZOOM = 15;
    static final int LOWEST_BAND = 9;
    /** Simplify to half a screen pixel: nothing visible is lost. */
    static final double PIXELS = 0.5;

    private static final Logger log = LoggerFactory.getLogger(AreaGeneralizer.class);

    private final JdbcTemplate jdbc;

    AreaGeneralizer(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The stored band to draw at a zoom, or -1 for the true boundaries. */
    public static int band(int zoom) {
        if (zoom >= RAW_FROM_ZOOM) return -1;
        return Math.max(LOWEST_BAND, zoom);
    }

    private record Cell(long id, long community, long township, Geometry geom) {}

    public void rebuild() {
        jdbc.update("delete from area_generalized");
        WKBReader reader = new WKBReader(Wgs84.FACTORY);
        List<Cell> cells = jdbc.query("""
                        select c.id, c.community_id, m.township_id, ST_AsBinary(c.geom) as wkb
                          from grid_cell c join community m on m.id = c.community_id order by c.id""",
                (rs, i) -> new Cell(rs.getLong(1), rs.getLong(2), rs.getLong(3), read(reader, rs.getBytes(4))));
        if (cells.isEmpty()) return;
        Geometry[] coverage = cells.stream().map(Cell::geom).toArray(Geometry[]::new);
        for (int zoom = LOWEST_BAND; zoom < RAW_FROM_ZOOM; zoom++) {
            double tolerance = PIXELS * Viewport.pixelDegrees(zoom);
            Geometry[] simplified = simplifyCoverage(coverage, tolerance);
            Map<Long, List<Geometry>> byCommunity = new LinkedHashMap<>();
            Map<Long, Long> townshipOf = new LinkedHashMap<>();
            List<Object[]> rows = new ArrayList<>();
            for (int i = 0; i < cells.size(); i++) {
                Cell cell = cells.get(i);
                rows.add(row(AreaLevel.GRID_CELL, zoom, cell.id(), simplified[i]));
                byCommunity.computeIfAbsent(cell.community(), k -> new ArrayList<>()).add(simplified[i]);
                townshipOf.put(cell.community(), cell.township());
            }
            Map<Long, List<Geometry>> byTownship = new LinkedHashMap<>();
            for (var community : byCommunity.entrySet()) {
                Geometry union = union(community.getValue());
                rows.add(row(AreaLevel.COMMUNITY, zoom, community.getKey(), union));
                byTownship.computeIfAbsent(townshipOf.get(community.getKey()), k -> new ArrayList<>()).add(union);
            }
            for (var township : byTownship.entrySet()) {
                rows.add(row(AreaLevel.TOWNSHIP, zoom, township.getKey(), union(township.getValue())));
            }
            jdbc.batchUpdate("insert into area_generalized (level, zoom, area_id, geom) values (?, ?, ?, ST_Multi(ST_GeomFromWKB(?, 4326)))", rows);
        }
    }

    private static Geometry[] simplifyCoverage(Geometry[] coverage, double tolerance) {
        try {
            Geometry[] result = CoverageSimplifier.simplify(coverage, tolerance);
            boolean usable = true;
            for (Geometry g : result) usable &= g != null && !g.isEmpty() && g.isValid();
            if (usable) return result;
            log.warn("Coverage simplification at tolerance {} gave unusable polygons; simplifying each on its own", tolerance);
        } catch (RuntimeException e) {
            log.warn("The grid cells do not form a clean coverage ({}); simplifying each on its own", e.getMessage());
        }
        Geometry[] result = new Geometry[coverage.length];
        for (int i = 0; i < coverage.length; i++) result[i] = TopologyPreservingSimplifier.simplify(coverage[i], tolerance);
        return result;
    }

    /** Exact union for a clean coverage; the robust overlay otherwise. */
    private static Geometry union(List<Geometry> parts) {
        Geometry[] array = parts.toArray(Geometry[]::new);
        try {
            Geometry union = CoverageUnion.union(array);
            if (union.isValid()) return union;
        } catch (RuntimeException e) {
            // not a clean coverage: fall through
        }
        return Wgs84.FACTORY.buildGeometry(parts).union();
    }

    private static Object[] row(AreaLevel level, int zoom, long id, Geometry geometry) {
        Geometry polygonal = geometry instanceof Polygonal ? geometry : geometry.buffer(0);
        if (polygonal instanceof Polygon p) polygonal = Wgs84.FACTORY.createMultiPolygon(new Polygon[]{p});
        if (!(polygonal instanceof MultiPolygon)) throw new IllegalStateException("generalised " + level + " " + id + " is not polygonal");
        return new Object[]{level.name(), zoom, id, new WKBWriter().write(polygonal)};
    }

    private static Geometry read(WKBReader reader, byte[] wkb) {
        try {
            return reader.read(wkb);
        } catch (ParseException e) {
            throw new IllegalStateException("unreadable geometry from the database", e);
        }
    }
}
