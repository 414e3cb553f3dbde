package com.gridcommand.democity;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Polygon;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Listed hotspots and the case clusters behind them. Most listed hotspots sit on a real cluster whose
 * trend follows its rectification (persistent, fading after listing, gone after delisting); four
 * clusters are not listed yet and grow over the last months: what detection should find.
 */
final class Hotspots {

    /** How a cluster's case rate moves over the year before the anchor date. */
    enum Trend { PERSISTENT, INTENSIFYING, FADING_AFTER_LISTING, GONE_AFTER_LISTING, EMERGING }

    record Cluster(Coordinate centre, double sigmaMetres, int cases, Trend trend, int listedDaysAgo) {
        /** Relative case rate on a day (0 = a year before the anchor, 365 = the anchor). */
        double rate(int day) {
            int listedDay = 365 - listedDaysAgo;
            return switch (trend) {
                case PERSISTENT -> 1.0;
                case INTENSIFYING -> 0.35 + 0.65 * day / 365.0;
                case FADING_AFTER_LISTING -> day < listedDay ? 1.0 : Math.max(0.25, 1.0 - (day - listedDay) / 120.0);
                case GONE_AFTER_LISTING -> day < listedDay ? 1.0 : Math.max(0.04, 1.0 - (day - listedDay) / 45.0);
                case EMERGING -> day < 365 - 130 ? 0.0 : 0.2 + 0.8 * (day - (365 - 130)) / 130.0;
            };
        }
    }

    record Hotspot(String code, String name, String status, LocalDate listedOn, LocalDate delistedOn,
                   String responsibleUnit, String measures, List<String> focus, DemoCity.Township township,
                   Polygon polygon, Cluster cluster) {}

    private static final String[] PLACES = {"夜市周边", "汽车站周边", "农贸市场周边", "出租房集中区", "网吧娱乐场所周边",
            "工业区宿舍周边", "城中村", "学校周边", "桥头广场", "老街商铺区", "建材市场周边", "码头周边"};
    private static final String[] MEASURES = {
            "增设高清监控探头，夜间巡逻每2小时一次",
            "整治无证经营摊点，落实门前三包",
            "出租房逐户排查登记，流动人口信息采集",
            "联合派出所开展专项整治，设立治安岗亭",
            "加强照明设施，组织护村队夜间值守",
            "网吧娱乐场所实名登记检查，未成年人劝离"};

    final List<Hotspot> listed = new ArrayList<>();
    final List<Cluster> unlisted = new ArrayList<>();

    Hotspots(DemoCity city) {
        DemoRandom random = DemoRandom.of(city.seed, "hotspots");
        List<Coordinate> centres = centres(city, random, 19);
        for (int i = 0; i < 15; i++) {
            Coordinate centre = centres.get(i);
            DemoCity.Cell cell = city.cellAt(centre);
            DemoCity.Township township = cell.community().township();
            String status;
            int listedDaysAgo;
            Integer delistedDaysAgo = null;
            Trend trend;
            int cases;
            if (i < 4) {
                status = "LISTED";
                listedDaysAgo = random.between(20, 80);
                trend = i % 2 == 0 ? Trend.PERSISTENT : Trend.INTENSIFYING;
                cases = random.between(120, 150);
            } else if (i < 9) {
                status = "RECTIFYING";
                listedDaysAgo = random.between(90, 240);
                trend = Trend.FADING_AFTER_LISTING;
                cases = random.between(130, 160);
            } else if (i < 12) {
                status = "UNDER_REVIEW";
                listedDaysAgo = random.between(200, 300);
                trend = Trend.GONE_AFTER_LISTING;
                cases = random.between(90, 120);
            } else {
                status = "DELISTED";
                listedDaysAgo = random.between(330, 420);
                delistedDaysAgo = random.between(60, 150);
                trend = Trend.GONE_AFTER_LISTING;
                cases = random.between(25, 40);
            }
            double radius = random.uniform(280, 430);
            Cluster cluster = new Cluster(centre, radius * 0.45, cases, trend, listedDaysAgo);
            String name = cell.community().name() + PLACES[i % PLACES.length];
            List<String> focus = i % 3 == 0 ? List.of("PUBLIC_SECURITY", "PROPERTY") : i % 3 == 1
                    ? List.of("PUBLIC_SECURITY") : List.of("PUBLIC_SECURITY", "HAZARD");
            listed.add(new Hotspot(String.format("ZD%s%02d", township.code().substring(6, 9), i + 1), name, status,
                    city.anchor.minusDays(listedDaysAgo), delistedDaysAgo == null ? null : city.anchor.minusDays(delistedDaysAgo),
                    township.stem() + "派出所", MEASURES[i % MEASURES.length] + "。", focus, township,
                    polygon(city, random, centre, radius), cluster));
        }
        for (int i = 15; i < centres.size(); i++) {
            unlisted.add(new Cluster(centres.get(i), random.uniform(110, 170), random.between(95, 120), Trend.EMERGING, 0));
        }
    }

    List<Cluster> clusters() {
        List<Cluster> all = new ArrayList<>();
        for (Hotspot h : listed) all.add(h.cluster());
        all.addAll(unlisted);
        return all;
    }

    /** Cluster centres where people are: density-weighted, well inside the city, at least 1.3 km apart. */
    private static List<Coordinate> centres(DemoCity city, DemoRandom random, int count) {
        Polygon inner = (Polygon) city.partition.boundaryMetres.buffer(-900);
        List<Coordinate> centres = new ArrayList<>();
        var env = inner.getEnvelopeInternal();
        while (centres.size() < count) {
            Coordinate m = new Coordinate(random.uniform(env.getMinX(), env.getMaxX()), random.uniform(env.getMinY(), env.getMaxY()));
            if (!inner.contains(inner.getFactory().createPoint(m))) continue;
            if (random.uniform() * 6.5 > city.partition.density(m)) continue;
            Coordinate lonLat = DemoCity.precise(city.plane.toLonLat(m.x, m.y));
            if (centres.stream().anyMatch(c -> city.metresBetween(c, lonLat) < 1_300)) continue;
            centres.add(lonLat);
        }
        return centres;
    }

    /** An irregular, star-shaped polygon of about the given radius: valid by construction. */
    private static Polygon polygon(DemoCity city, DemoRandom random, Coordinate centre, double radius) {
        int n = random.between(8, 11);
        Coordinate[] ring = new Coordinate[n + 1];
        double start = random.uniform(0, 360);
        for (int i = 0; i < n; i++) {
            double bearing = start + 360.0 * i / n + random.uniform(-10, 10);
            ring[i] = city.offset(centre, radius * random.uniform(0.72, 1.15), bearing);
        }
        ring[n] = ring[0];
        return CityPartition.LONLAT.createPolygon(ring);
    }

    static Map<String, Object> properties(Hotspot h) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("code", h.code());
        p.put("name", h.name());
        p.put("status", h.status());
        p.put("listed_on", h.listedOn().toString());
        p.put("delisted_on", h.delistedOn() == null ? null : h.delistedOn().toString());
        p.put("responsible_unit", h.responsibleUnit());
        p.put("measures", h.measures());
        p.put("focus", h.focus());
        p.put("township_code", h.township().code());
        return p;
    }
}
