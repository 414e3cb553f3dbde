package com.gridcommand.democity;

import org.locationtech.jts.geom.Coordinate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Key places (重点部位) where people gather or are vulnerable, and the cameras (技防) that watch them. */
final class Places {

    record KeyPlace(String code, String name, String kind, String address, int capacity, String contact, Coordinate point) {}

    record Camera(String code, String name, String kind, double bearing, double fov, double range, String status, Coordinate point) {}

    final List<KeyPlace> keyPlaces = new ArrayList<>();
    final List<Camera> cameras = new ArrayList<>();

    Places(DemoCity city, Hotspots hotspots) {
        DemoRandom random = DemoRandom.of(city.seed, "places");
        // Every community has its committee office; every township its schools, health centre, home, market, bus station.
        for (DemoCity.Community c : city.communities) {
            add(city, random, "GOVERNMENT", c.name() + (c.urban() ? "居民委员会" : "村民委员会"), c, c.centre(), 0, 20, 80);
        }
        for (DemoCity.Township t : city.townships) {
            DemoCity.Community seatCommunity = city.cellAt(nearestInCity(city, t.seat())).community();
            boolean oldTown = t.kind().equals("STREET");
            add(city, random, "SCHOOL", t.stem() + "中学", seatCommunity, t.seat(), 250, 800, 2000);
            add(city, random, "SCHOOL", t.stem() + "中心小学", seatCommunity, t.seat(), 250, 600, 1500);
            add(city, random, "HOSPITAL", oldTown ? "县人民医院" : t.name() + "中心卫生院", seatCommunity, t.seat(), 250, oldTown ? 400 : 60, oldTown ? 800 : 150);
            add(city, random, "ELDERLY_HOME", t.name() + "敬老院", seatCommunity, t.seat(), 500, 40, 150);
            add(city, random, "MARKET", t.stem() + "农贸市场", seatCommunity, t.seat(), 250, 200, 600);
            add(city, random, "TRANSPORT_HUB", t.stem() + (oldTown ? "客运中心" : "汽车站"), seatCommunity, t.seat(), 400, 100, 500);
        }
        Object[][] spread = {
                {"SCHOOL", 30, "小学", 200, 900}, {"KINDERGARTEN", 30, "幼儿园", 60, 300}, {"HOSPITAL", 10, "卫生室", 5, 30},
                {"ELDERLY_HOME", 20, "居家养老服务照料中心", 20, 80}, {"WELFARE_HOME", 8, "儿童福利院", 20, 100},
                {"MARKET", 30, "菜场", 80, 400}, {"TRANSPORT_HUB", 2, "公交首末站", 50, 200}};
        double[] weights = city.communities.stream().mapToDouble(c -> c.urban() ? 3 : 1).toArray();
        for (Object[] kind : spread) {
            for (int i = 0; i < (int) kind[1]; i++) {
                DemoCity.Community c = city.communities.get(random.weighted(weights));
                String name = freeName(c.stem(), (String) kind[2]);
                if (name == null) {
                    weights[city.communities.indexOf(c)] *= 0.5;
                    i--;
                    continue;
                }
                add(city, random, (String) kind[0], name, c, c.centre(), 700, (int) kind[3], (int) kind[4]);
            }
        }

        // Cameras: at the places that matter, around hotspots, and at busy junctions in town.
        for (KeyPlace place : keyPlaces) {
            if (place.kind().equals("GOVERNMENT") && !random.chance(0.3)) continue;
            double b = random.uniform(0, 360);
            Coordinate at = city.offset(place.point(), random.uniform(25, 60), b);
            if (city.cellAt(at) == null) continue;
            camera(city, random, place.name() + "门口", at, (b + 180) % 360);
        }
        for (Hotspots.Hotspot h : hotspots.listed) {
            Coordinate centre = h.polygon().getCentroid().getCoordinate();
            int n = random.between(4, 7);
            for (int i = 0; i < n; i++) {
                double b = random.uniform(0, 360);
                Coordinate at = city.offset(centre, random.uniform(60, 320), b);
                if (city.cellAt(at) == null) continue;
                camera(city, random, h.name() + "治安监控" + (i + 1), at, (b + 180 + random.uniform(-30, 30) + 360) % 360);
            }
        }
        List<Integer> junctions = new ArrayList<>();
        for (int n = 0; n < city.roads.nodes.size(); n++) {
            if (city.roads.degree(n) >= 4) junctions.add(n);
        }
        while (cameras.size() < 300 && !junctions.isEmpty()) {
            int node = junctions.remove(random.between(0, junctions.size() - 1));
            Coordinate at = DemoCity.precise(city.roads.nodes.get(node));
            if (city.cellAt(at) == null) continue;
            DemoCity.Cell cell = city.cellAt(at);
            camera(city, random, cell.community().name() + "路口监控", at, random.uniform(0, 360));
        }
    }

    /** The community's name for a place of this kind, or a directional variant; null when both are taken. */
    private String freeName(String stem, String suffix) {
        for (String name : new String[]{stem + suffix, stem + "东" + suffix, stem + "西" + suffix}) {
            if (keyPlaces.stream().noneMatch(k -> k.name().equals(name))) return name;
        }
        return null;
    }

    private static Coordinate nearestInCity(DemoCity city, Coordinate c) {
        return city.cellAt(c) != null ? c : city.cells.getFirst().seed();
    }

    private void add(DemoCity city, DemoRandom random, String kind, String name, DemoCity.Community community,
                     Coordinate near, double spread, int minCapacity, int maxCapacity) {
        Coordinate point;
        int attempts = 0;
        do {
            point = spread == 0 ? DemoCity.precise(near) : city.offset(near, random.uniform(0.2, 1.0) * spread, random.uniform(0, 360));
            if (++attempts > 50) point = city.randomPointIn(random, community.polygon());
        } while (city.cellAt(point) == null);
        DemoCity.Cell cell = city.cellAt(point);
        String address = cell.community().township().name() + cell.community().name() + random.between(1, 300) + "号";
        String code = String.format("ZDBW%04d", keyPlaces.size() + 1);
        keyPlaces.add(new KeyPlace(code, name, kind, address, random.between(minCapacity, maxCapacity),
                city.names.person() + " " + city.names.phone(), point));
    }

    private void camera(DemoCity city, DemoRandom random, String name, Coordinate at, double bearing) {
        int kind = random.weighted(new double[]{60, 25, 15});
        String code = String.format("SP%04d", cameras.size() + 1);
        double b = Math.round(bearing * 10) / 10.0 % 360;
        switch (kind) {
            case 0 -> cameras.add(new Camera(code, name, "FIXED", b, random.between(50, 90), random.between(60, 120), status(random), at));
            case 1 -> cameras.add(new Camera(code, name, "DOME", 0.0, 360.0, random.between(30, 60), status(random), at));
            default -> cameras.add(new Camera(code, name, "PTZ", b, random.between(55, 70), random.between(150, 250), status(random), at));
        }
    }

    private static String status(DemoRandom random) {
        return random.chance(0.95) ? "ONLINE" : "OFFLINE";
    }

    static Map<String, Object> properties(KeyPlace k) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("code", k.code());
        p.put("name", k.name());
        p.put("kind", k.kind());
        p.put("address", k.address());
        p.put("capacity", k.capacity());
        p.put("contact", k.contact());
        return p;
    }

    static Map<String, Object> properties(Camera c) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("code", c.code());
        p.put("name", c.name());
        p.put("kind", c.kind());
        p.put("bearing_deg", c.bearing());
        p.put("fov_deg", c.fov());
        p.put("range_m", c.range());
        p.put("status", c.status());
        return p;
    }
}
