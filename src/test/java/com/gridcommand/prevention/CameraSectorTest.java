package com.gridcommand.prevention;

import com.gridcommand.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/** Camera view sectors against polygons computed by hand. */
@IntegrationTest
class CameraSectorTest {

    @Autowired
    JdbcClient jdbc;

    /** Metres between two geometries at their farthest (Hausdorff), on the spheroid near the equator. */
    private double apart(String sectorSql, String wkt) {
        return jdbc.sql("select ST_HausdorffDistance(ST_Transform((" + sectorSql + "), 32647), ST_Transform(ST_GeomFromText(:w, 4326), 32647))")
                .param("w", wkt).query(Double.class).single();
    }

    @Test
    void aNinetyDegreeSectorFacingEastIsTheHandComputedPolygon() {
        // At (100°E, 0°): 1° of longitude is 111,319.49 m, 1° of latitude 110,574.28 m. Range 100 m, bearing 90°, FOV 90°:
        // arc from azimuth 45° to 135° in four steps (45, 67.5, 90, 112.5, 135), east = sin(az) * 100, north = cos(az) * 100.
        StringBuilder wkt = new StringBuilder("POLYGON((100 0");
        for (double az : new double[]{45, 67.5, 90, 112.5, 135}) {
            double east = Math.sin(Math.toRadians(az)) * 100, north = Math.cos(Math.toRadians(az)) * 100;
            wkt.append(String.format(java.util.Locale.ROOT, ", %.9f %.9f", 100 + east / 111_319.49, north / 110_574.28));
        }
        wkt.append(", 100 0))");
        double metres = apart("select camera_sector(ST_SetSRID(ST_MakePoint(100, 0), 4326), 90, 90, 100, 4)", wkt.toString());
        assertThat(metres).as(wkt.toString()).isLessThan(0.05);
        // Area: a quarter of a 100 m disc less the four chords' slivers: close to π·100²/4.
        double area = jdbc.sql("select ST_Area(camera_sector(ST_SetSRID(ST_MakePoint(100, 0), 4326), 90, 90, 100, 24)::geography)").query(Double.class).single();
        assertThat(area).isBetween(Math.PI * 100 * 100 / 4 * 0.995, Math.PI * 100 * 100 / 4);
    }

    @Test
    void aSectorAcrossNorthAndAFullCircle() {
        // Bearing 0°, FOV 60°: from 330° through north to 30°; the westmost arc point is at 330°.
        String sector = "select camera_sector(ST_SetSRID(ST_MakePoint(100, 0), 4326), 0, 60, 200, 2)";
        double east30 = Math.sin(Math.toRadians(30)) * 200 / 111_319.49, north30 = Math.cos(Math.toRadians(30)) * 200 / 110_574.28;
        String wkt = String.format(java.util.Locale.ROOT, "POLYGON((100 0, %.9f %.9f, 100 %.9f, %.9f %.9f, 100 0))",
                100 - east30, north30, 200 / 110_574.28, 100 + east30, north30);
        assertThat(apart(sector, wkt)).as(wkt).isLessThan(0.05);
        double disc = jdbc.sql("select ST_Area(camera_sector(ST_SetSRID(ST_MakePoint(100, 0), 4326), 0, 360, 50)::geography)").query(Double.class).single();
        assertThat(disc).isBetween(Math.PI * 50 * 50 * 0.99, Math.PI * 50 * 50 * 1.001);
    }

    @Test
    void everyDemoCameraHasAValidSector() {
        assertThat(jdbc.sql("select count(*) from camera where not ST_IsValid(camera_sector(geom, bearing_deg, fov_deg, range_m))")
                .query(Integer.class).single()).isZero();
    }
}
