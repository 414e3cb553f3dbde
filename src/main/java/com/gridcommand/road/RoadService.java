package com.gridcommand.road;

import com.gridcommand.geo.Bbox;
import com.gridcommand.geo.FeatureExtent;
import com.gridcommand.geo.FeaturePage;
import com.gridcommand.geo.GeoFeature;
import com.gridcommand.geo.Viewport;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Roads for the map: the classes that matter at a zoom, simplified to what a pixel shows. */
@Service
@Transactional(readOnly = true)
public class RoadService {

    /** Local streets appear from this zoom, secondary roads from {@link #SECONDARY_FROM_ZOOM}. */
    public static final int LOCAL_FROM_ZOOM = 14;
    public static final int SECONDARY_FROM_ZOOM = 12;

    private final JdbcClient jdbc;

    RoadService(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Road classes drawn at a zoom, most important first. */
    public static List<String> classesAt(int zoom) {
        if (zoom >= LOCAL_FROM_ZOOM) return List.of("ARTERIAL", "SECONDARY", "LOCAL");
        if (zoom >= SECONDARY_FROM_ZOOM) return List.of("ARTERIAL", "SECONDARY");
        return List.of("ARTERIAL");
    }

    /**
     * One label point per road name among the classes drawn at the zoom: the middle of that road's longest segment
     * inside the box (GiST on road_segment.geom). Points with {@code name} and {@code roadClass}.
     */
    public List<GeoFeature> labelsInView(Viewport viewport) {
        Bbox b = viewport.bbox();
        return jdbc.sql("""
                        select distinct on (name) id, name, road_class, ST_AsGeoJSON(p, 6) as geometry
                          from (select id, name, road_class, ST_LineInterpolatePoint(geom, 0.5) as p, ST_Length(geom) as len
                                  from road_segment
                                 where name is not null and name <> '' and road_class in (:classes)
                                   and ST_Intersects(geom, ST_MakeEnvelope(:w, :s, :e, :n, 4326))) s
                         where ST_Intersects(p, ST_MakeEnvelope(:w, :s, :e, :n, 4326))
                         order by name, len desc, id""")
                .param("w", b.west()).param("s", b.south()).param("e", b.east()).param("n", b.north())
                .param("classes", classesAt(viewport.zoom()))
                .query((rs, i) -> new GeoFeature(Long.toString(rs.getLong("id")), rs.getString("geometry"),
                        Map.of("name", rs.getString("name"), "roadClass", rs.getString("road_class"))))
                .list();
    }

    /** Segments of the classes shown at the zoom that intersect the box (GiST on road_segment.geom). */
    public List<GeoFeature> inView(Viewport viewport) {
        Bbox b = viewport.bbox();
        return jdbc.sql("""
                        select id, name, road_class,
                               ST_AsGeoJSON(ST_SimplifyPreserveTopology(geom, :tolerance), :decimals) as geometry
                          from road_segment
                         where ST_Intersects(geom, ST_MakeEnvelope(:w, :s, :e, :n, 4326))
                           and road_class in (:classes)
                         order by id""")
                .param("tolerance", viewport.pixelDegrees() * 0.5).param("decimals", viewport.decimals())
                .param("w", b.west()).param("s", b.south()).param("e", b.east()).param("n", b.north())
                .param("classes", classesAt(viewport.zoom()))
                .query((rs, i) -> feature(rs))
                .list();
    }

    private static GeoFeature feature(java.sql.ResultSet rs) throws java.sql.SQLException {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("name", rs.getString("name") == null ? "" : rs.getString("name"));
        p.put("roadClass", rs.getString("road_class"));
        return new GeoFeature(Long.toString(rs.getLong("id")), rs.getString("geometry"), p);
    }

    /**
     * A page of all road segments intersecting the box, unsimplified, by id (GiST on road_segment.geom, its
     * primary key for the order), and how many match. The road network is the basemap: every signed-in user
     * sees all of it, on the command map as here.
     */
    public FeaturePage page(FeaturePage.Request request) {
        String where = request.where("geom", "id");
        List<GeoFeature> features = jdbc.sql("select id, name, road_class, ST_AsGeoJSON(geom, 7) as geometry from road_segment where "
                        + where + request.cut("id"))
                .params(request.params()).query((rs, i) -> feature(rs)).list();
        Long matched = request.matchedFrom(features.size());
        if (matched == null) {
            matched = jdbc.sql("select count(*) from road_segment where " + where).params(request.params()).query(Long.class).single();
        }
        return new FeaturePage(features, matched);
    }

    /** Where the road network lies: ST_Extent of the segments' stored boxes (a scan of road_segment; no index needed). */
    public FeatureExtent extent() {
        return jdbc.sql(FeatureExtent.sql("geom", null, "road_segment", "true")).query((rs, i) -> FeatureExtent.read(rs)).single();
    }
}
