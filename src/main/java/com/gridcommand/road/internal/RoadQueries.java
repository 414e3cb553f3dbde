package com.gridcommand.road.internal;

import com.gridcommand.geo.Bbox;
import com.gridcommand.geo.FeatureExtent;
import com.gridcommand.geo.FeaturePage;
import com.gridcommand.geo.GeoFeature;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The road module's spatial SQL. The road network is the basemap: no read is limited by scope. */
@Component
public class RoadQueries {

    private final JdbcClient jdbc;

    RoadQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * One label point per road name among the classes: the middle of that road's longest segment inside the box, as
     * points with {@code name} and {@code roadClass} (road_segment_geom_gist serves the box).
     */
    public List<GeoFeature> labels(Bbox b, List<String> classes) {
        return jdbc.sql("""
                        select distinct on (name) id, name, road_class, ST_AsGeoJSON(p, 6) as geometry
                          from (select id, name, road_class, ST_LineInterpolatePoint(geom, 0.5) as p, ST_Length(geom) as len
                                  from road_segment
                                 where name is not null and name <> '' and road_class in (:classes)
                                   and ST_Intersects(geom, ST_MakeEnvelope(:w, :s, :e, :n, 4326))) s
                         where ST_Intersects(p, ST_MakeEnvelope(:w, :s, :e, :n, 4326))
                         order by name, len desc, id""")
                .param("w", b.west()).param("s", b.south()).param("e", b.east()).param("n", b.north())
                .param("classes", classes)
                .query((rs, i) -> new GeoFeature(Long.toString(rs.getLong("id")), rs.getString("geometry"),
                        Map.of("name", rs.getString("name"), "roadClass", rs.getString("road_class"))))
                .list();
    }

    /** Segments of the classes that intersect the box, simplified by the tolerance, by id (road_segment_geom_gist serves the box). */
    public List<GeoFeature> inView(Bbox b, List<String> classes, double tolerance, int decimals) {
        return jdbc.sql("""
                        select id, name, road_class,
                               ST_AsGeoJSON(ST_SimplifyPreserveTopology(geom, :tolerance), :decimals) as geometry
                          from road_segment
                         where ST_Intersects(geom, ST_MakeEnvelope(:w, :s, :e, :n, 4326))
                           and road_class in (:classes)
                         order by id""")
                .param("tolerance", tolerance).param("decimals", decimals)
                .param("w", b.west()).param("s", b.south()).param("e", b.east()).param("n", b.north())
                .param("classes", classes)
                .query((rs, i) -> feature(rs))
                .list();
    }

    /**
     * A page of all road segments intersecting the box, unsimplified, by id, and how many match
     * (road_segment_geom_gist serves the box, the primary key the order).
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

    /** Where the road network lies: ST_Extent of the segments' stored boxes (no index: a scan of road_segment, some 1,800 rows in the demo city). */
    public FeatureExtent extent() {
        return jdbc.sql(FeatureExtent.sql("geom", null, "road_segment", "true")).query((rs, i) -> FeatureExtent.read(rs)).single();
    }

    private static GeoFeature feature(java.sql.ResultSet rs) throws java.sql.SQLException {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("name", rs.getString("name") == null ? "" : rs.getString("name"));
        p.put("roadClass", rs.getString("road_class"));
        return new GeoFeature(Long.toString(rs.getLong("id")), rs.getString("geometry"), p);
    }
}
