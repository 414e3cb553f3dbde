package com.gridcommand.prevention;

import com.gridcommand.prevention.CameraCoverage;
import com.gridcommand.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** What the demo city's cameras see of its hotspots and key places, against a plain computation over every camera. */
@IntegrationTest
class CameraCoverageTest {

    @Autowired
    CameraCoverage coverage;
    @Autowired
    JdbcClient jdbc;

    @Test
    void sharesAndBlindSpotsAddUpAndUnseenPlacesAreSeenByNoSector() {
        List<CameraCoverage.HotspotCoverage> hotspots = coverage.hotspots();
        assertThat(hotspots).hasSize(jdbc.sql("select count(*) from hotspot where status <> 'DELISTED'").query(Integer.class).single());
        for (CameraCoverage.HotspotCoverage h : hotspots) {
            assertThat(h.share()).isBetween(0.0, 1.0 + 1e-9);
            // Every camera, no distance prefilter: the share seen, computed plainly.
            double plain = jdbc.sql("""
                            select coalesce(ST_Area(ST_Intersection(h.geom, (select ST_Union(camera_sector(c.geom, c.bearing_deg, c.fov_deg, c.range_m))
                                                                          from camera c where c.status = 'ONLINE'))::geography) / ST_Area(h.geom::geography), 0)
                              from hotspot h where h.id = :id""").param("id", h.hotspotId()).query(Double.class).single();
            assertThat(h.share()).as(h.code()).isCloseTo(plain, within(1e-6));
            double blind = h.blindSpot() == null ? 0 : jdbc.sql("select ST_Area(ST_GeomFromGeoJSON(:g)::geography)").param("g", h.blindSpot()).query(Double.class).single();
            double area = jdbc.sql("select ST_Area(geom::geography) from hotspot where id = :id").param("id", h.hotspotId()).query(Double.class).single();
            assertThat(blind / area).as(h.code()).isCloseTo(1 - h.share(), within(0.01));
        }
        assertThat(hotspots).anySatisfy(h -> assertThat(h.share()).isGreaterThan(0));
        List<String> unseen = coverage.unseenKeyPlaces();
        List<String> plainUnseen = jdbc.sql("""
                        select k.code from key_place k where not exists (select 1 from camera c where c.status = 'ONLINE'
                                 and ST_Intersects(camera_sector(c.geom, c.bearing_deg, c.fov_deg, c.range_m), k.geom)) order by k.code""")
                .query(String.class).list();
        assertThat(unseen).isEqualTo(plainUnseen);
        assertThat(unseen.size()).isLessThan(jdbc.sql("select count(*) from key_place").query(Integer.class).single());
    }
}
