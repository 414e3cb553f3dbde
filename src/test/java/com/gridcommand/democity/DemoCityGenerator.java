package com.gridcommand.democity;

import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Polygon;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes the demo city into {@code gis-data/}: a fictional county in Zhejiang around 121.0 E, 29.1 N.
 * Deterministic: the same seed gives the same bytes, and {@code DemoCityGeneratorTest} checks that the
 * committed files are exactly what this code produces. Dates lie in the year before {@link #ANCHOR};
 * the files say so ({@code datesRelativeTo}) and the app shifts them to the present when it loads the demo.
 */
public final class DemoCityGenerator {

    static final long SEED = 20_261_101L;
    static final LocalDate ANCHOR = LocalDate.of(2026, 11, 1);

    public static void main(String[] args) {
        Path folder = Path.of(args.length > 0 ? args[0] : "gis-data");
        Summary summary = generate(folder);
        System.out.println("Demo city written to " + folder.toAbsolutePath() + ": " + summary);
    }

    record Summary(int townships, int communities, int cells, int roadSegments, int patrolRoutes, int hotspots,
                   int keyPlaces, int cameras, int responders, int cases) {}

    static Summary generate(Path folder) {
        DemoCity city = new DemoCity(SEED, ANCHOR, new LocalPlane(121.0, 29.1));
        Hotspots hotspots = new Hotspots(city);
        Places places = new Places(city, hotspots);
        Responders responders = new Responders(city);
        PatrolRoutes patrols = new PatrolRoutes(city, hotspots);
        Cases cases = new Cases(city, hotspots);

        var townships = new GeoJsonOut("townships");
        for (DemoCity.Township t : city.townships) {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("code", t.code());
            p.put("name", t.name());
            p.put("kind", t.kind());
            p.put("centre_name", t.name() + "综治工作中心");
            townships.add(t.code(), multi(t.polygon()), p);
        }
        var communities = new GeoJsonOut("communities");
        for (DemoCity.Community c : city.communities) {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("code", c.code());
            p.put("township_code", c.township().code());
            p.put("name", c.name());
            p.put("kind", c.urban() ? "COMMUNITY" : "VILLAGE");
            p.put("station_name", c.name() + "综治工作站");
            communities.add(c.code(), multi(c.polygon()), p);
        }
        var cells = new GeoJsonOut("grid_cells");
        for (DemoCity.Cell c : city.cells.stream().sorted(java.util.Comparator.comparing(DemoCity.Cell::code)).toList()) {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("code", c.code());
            p.put("community_code", c.community().code());
            p.put("name", c.name());
            p.put("grid_worker", c.gridWorker());
            p.put("grid_worker_phone", c.gridWorkerPhone());
            p.put("households", c.households());
            cells.add(c.code(), c.polygon(), p);
        }
        var roads = new GeoJsonOut("roads");
        int roadId = 0;
        for (RoadNetwork.Segment s : city.roads.segments) {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("name", s.name());
            p.put("road_class", s.roadClass());
            p.put("oneway", s.oneway());
            p.put("speed_kmh", s.speedKmh());
            roads.add("R" + (++roadId), s.lonLat(), p);
        }
        var routes = new GeoJsonOut("patrol_routes");
        for (PatrolRoutes.Route r : patrols.routes) routes.add(r.code(), r.line(), PatrolRoutes.properties(r));
        var hotspotOut = new GeoJsonOut("hotspots");
        for (Hotspots.Hotspot h : hotspots.listed) hotspotOut.add(h.code(), h.polygon(), Hotspots.properties(h));
        var keyPlaces = new GeoJsonOut("key_places");
        for (Places.KeyPlace k : places.keyPlaces) keyPlaces.add(k.code(), point(k.point()), Places.properties(k));
        var cameras = new GeoJsonOut("cameras");
        for (Places.Camera c : places.cameras) cameras.add(c.code(), point(c.point()), Places.properties(c));
        var responderOut = new GeoJsonOut("responders").member("datesRelativeTo", ANCHOR.toString());
        for (Responders.Responder r : responders.responders) {
            responderOut.add(r.code(), r.position() == null ? null : point(r.position()), Responders.properties(r));
        }
        var caseOut = new GeoJsonOut("cases").member("datesRelativeTo", ANCHOR.toString());
        for (Cases.Case c : cases.cases) caseOut.add(c.code(), point(c.point()), Cases.properties(c));
        hotspotOut.member("datesRelativeTo", ANCHOR.toString());

        for (GeoJsonOut out : new GeoJsonOut[]{townships, communities, cells, roads, routes, hotspotOut, keyPlaces, cameras, responderOut, caseOut}) {
            out.write(folder);
        }
        return new Summary(townships.size(), communities.size(), cells.size(), roads.size(), routes.size(), hotspotOut.size(),
                keyPlaces.size(), cameras.size(), responderOut.size(), caseOut.size());
    }

    private static MultiPolygon multi(Polygon polygon) {
        return CityPartition.LONLAT.createMultiPolygon(new Polygon[]{polygon});
    }

    private static Geometry point(org.locationtech.jts.geom.Coordinate c) {
        return CityPartition.LONLAT.createPoint(DemoCity.precise(c));
    }
}
