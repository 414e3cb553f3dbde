package com.gridcommand.democity;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.LineString;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Six patrol routes per township, along the roads, through its hotspots and villages, each with its hours. */
final class PatrolRoutes {

    record Window(List<Integer> days, String from, String to) {}

    record Route(String code, String name, String team, String teamKind, DemoCity.Township township, LineString line, List<Window> windows) {}

    private static final List<Integer> EVERY_DAY = List.of(1, 2, 3, 4, 5, 6, 7);
    private static final String[] ORDINALS = {"一", "二", "三", "四", "五", "六"};

    final List<Route> routes = new ArrayList<>();

    PatrolRoutes(DemoCity city, Hotspots hotspots) {
        DemoRandom random = DemoRandom.of(city.seed, "patrols");
        for (DemoCity.Township t : city.townships) {
            List<Coordinate> hot = hotspots.listed.stream().filter(h -> h.township() == t)
                    .map(h -> h.polygon().getCentroid().getCoordinate()).toList();
            List<Coordinate> villages = city.communities.stream().filter(c -> c.township() == t && !c.urban())
                    .map(DemoCity.Community::centre).toList();
            String police = t.stem() + "派出所巡逻";
            add(city, random, t, 1, "夜间巡逻", police + "1组", "POLICE_PATROL", t.seat(), hot, 3, List.of(new Window(EVERY_DAY, "20:00", "02:00")));
            add(city, random, t, 2, "夜间巡逻", police + "2组", "POLICE_PATROL", t.seat(), hot, 3, List.of(new Window(EVERY_DAY, "22:00", "04:00")));
            add(city, random, t, 3, "日间巡逻", police + "3组", "POLICE_PATROL", t.seat(), List.of(), 3,
                    List.of(new Window(EVERY_DAY, "09:00", "11:30"), new Window(EVERY_DAY, "14:30", "17:00")));
            add(city, random, t, 4, "警民联防", t.name() + "警民联防队", "JOINT_PATROL", t.seat(), hot, 2,
                    List.of(new Window(List.of(5, 6, 7), "18:30", "22:30")));
            Coordinate village = villages.isEmpty() ? t.seat() : villages.get(random.between(0, villages.size() - 1));
            add(city, random, t, 5, "护村巡逻", t.name() + "护村队", "VILLAGE_GUARD", village, villages, 3,
                    List.of(new Window(EVERY_DAY, "19:00", "23:00")));
            add(city, random, t, 6, "护村巡逻", t.name() + "护村队", "VILLAGE_GUARD", village, villages, 2,
                    List.of(new Window(EVERY_DAY, "21:00", "05:00")));
        }
    }

    /** A loop from the start through a few stops (hotspots or villages, else nearby junctions) and back. */
    private void add(DemoCity city, DemoRandom random, DemoCity.Township t, int n, String kindName, String team, String teamKind,
                     Coordinate start, List<Coordinate> stops, int stopCount, List<Window> windows) {
        RoadNetwork roads = city.roads;
        for (int attempt = 0; ; attempt++) {
            List<Integer> waypoints = new ArrayList<>();
            waypoints.add(roads.nearestNode(start));
            for (int i = 0; i < stopCount; i++) {
                if (!stops.isEmpty() && random.chance(0.8)) {
                    waypoints.add(roads.nearestNode(stops.get(random.between(0, stops.size() - 1))));
                } else {
                    List<Integer> near = roads.nodesNear(start, 2_000);
                    waypoints.add(near.get(random.between(0, near.size() - 1)));
                }
            }
            waypoints.add(waypoints.getFirst());
            List<Integer> path = new ArrayList<>();
            boolean reachable = true;
            for (int i = 0; i + 1 < waypoints.size() && reachable; i++) {
                if (waypoints.get(i).equals(waypoints.get(i + 1))) continue;
                List<Integer> leg = roads.path(waypoints.get(i), waypoints.get(i + 1));
                reachable = !leg.isEmpty();
                if (!path.isEmpty()) leg = leg.subList(1, leg.size());
                path.addAll(leg);
            }
            if (!reachable || path.size() < 3) {
                if (attempt > 20) throw new IllegalStateException("no patrol route for " + t.name());
                continue;
            }
            LineString line = roads.line(path);
            double km = city.plane.toMetres(line).getLength() / 1000;
            if ((km < 3 || km > 25) && attempt < 20) continue;
            String code = String.format("XL%s%02d", t.code().substring(6, 9), n);
            routes.add(new Route(code, t.name() + kindName + ORDINALS[n - 1] + "号线", team, teamKind, t, line, windows));
            return;
        }
    }

    static Map<String, Object> properties(Route r) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("code", r.code());
        p.put("name", r.name());
        p.put("team", r.team());
        p.put("team_kind", r.teamKind());
        p.put("township_code", r.township().code());
        List<Map<String, Object>> windows = new ArrayList<>();
        for (Window w : r.windows()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("days", w.days());
            m.put("from", w.from());
            m.put("to", w.to());
            windows.add(m);
        }
        p.put("windows", windows);
        return p;
    }
}
