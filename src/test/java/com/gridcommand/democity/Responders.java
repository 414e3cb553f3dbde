package com.gridcommand.democity;

import org.locationtech.jts.geom.Coordinate;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The people and crews on the ground, at their last reported position on the roads of their area. */
final class Responders {

    record Responder(String code, String name, String kind, String team, List<String> skills, String phone,
                     String status, DemoCity.Township township, Coordinate position, OffsetDateTime positionAt) {}

    private static final String[] STATUSES = {"AVAILABLE", "ASSIGNED", "EN_ROUTE", "ON_SCENE", "RETURNING", "OFF_DUTY"};
    private static final double[] STATUS_MIX = {60, 5, 5, 8, 2, 20};

    final List<Responder> responders = new ArrayList<>();

    Responders(DemoCity city) {
        DemoRandom random = DemoRandom.of(city.seed, "responders");
        OffsetDateTime now = city.anchor.atStartOfDay().atOffset(DemoCity.CHINA);
        for (DemoCity.Township t : city.townships) {
            for (int i = 1; i <= 6; i++) {
                add(city, random, now, "JW", "POLICE_PATROL", city.names.person(), t.stem() + "派出所巡逻" + ((i + 1) / 2) + "组",
                        List.of("驾驶", "警务处置"), t, t.seat(), 2_500);
            }
            for (int i = 1; i <= 4; i++) {
                add(city, random, now, "TJ", "MEDIATOR", city.names.person(), t.name() + "人民调解委员会",
                        List.of("调解", "法律咨询"), t, t.seat(), 3_000);
            }
            for (int i = 1; i <= 3; i++) {
                add(city, random, now, "YJ", "EMERGENCY_TEAM", city.names.person(), t.name() + "应急救援队",
                        i == 1 ? List.of("消防", "急救") : i == 2 ? List.of("急救", "驾驶") : List.of("水上救援", "消防"), t, t.seat(), 1_500);
            }
        }
        // Grid workers carry the phone of their own cell: 60 of the 400 cells report positions.
        for (int i = 0; i < 60; i++) {
            DemoCity.Cell cell = city.cells.get(i * city.cells.size() / 60);
            add(city, random, now, "WG", "GRID_WORKER", cell.gridWorker(), cell.community().name() + "网格服务团队",
                    List.of("信息采集", "政策宣传"), cell.community().township(), cell.seed(), 600);
        }
        List<DemoCity.Community> villages = city.communities.stream().filter(c -> !c.urban()).toList();
        for (int i = 0; i < 25; i++) {
            DemoCity.Community village = villages.get(i * villages.size() / 25);
            add(city, random, now, "HC", "VILLAGE_GUARD", city.names.person(), village.name() + "护村队",
                    List.of("巡逻"), village.township(), village.centre(), 800);
        }
        // The township's own patrol teams walk its 护村队 and 警民联防 routes (PatrolRoutes names them so): two members each.
        // A stream of their own, so the responders above stay as they were.
        // Names of their own too: the city's name stream goes on to the cases' parties.
        DemoRandom teams = DemoRandom.of(city.seed, "township-patrol-teams");
        Names names = new Names(DemoRandom.of(city.seed, "township-patrol-names"));
        for (DemoCity.Township t : city.townships) {
            for (int i = 1; i <= 2; i++) {
                add(city, teams, names, now, "HC", "VILLAGE_GUARD", names.person(), t.name() + "护村队", List.of("巡逻"), t, t.seat(), 2_000);
            }
            for (int i = 1; i <= 2; i++) {
                add(city, teams, names, now, "LF", "VILLAGE_GUARD", names.person(), t.name() + "警民联防队", List.of("巡逻", "联防"), t, t.seat(), 2_000);
            }
        }
    }

    private void add(DemoCity city, DemoRandom random, OffsetDateTime now, String prefix, String kind, String name, String team,
                     List<String> skills, DemoCity.Township township, Coordinate home, double radius) {
        add(city, random, city.names, now, prefix, kind, name, team, skills, township, home, radius);
    }

    private void add(DemoCity city, DemoRandom random, Names names, OffsetDateTime now, String prefix, String kind, String name, String team,
                     List<String> skills, DemoCity.Township township, Coordinate home, double radius) {
        String status = STATUSES[random.weighted(STATUS_MIX)];
        List<Integer> near = city.roads.nodesNear(home, radius);
        if (near.isEmpty()) near = List.of(city.roads.nearestNode(home));
        Coordinate position = DemoCity.precise(city.roads.nodes.get(random.pick(near)));
        OffsetDateTime at = now.minusSeconds(random.between(30, 1_200));
        if (status.equals("OFF_DUTY")) {
            if (random.chance(0.5)) {
                position = null;
                at = null;
            } else {
                at = now.minusMinutes(random.between(60, 900));
            }
        }
        long serial = responders.stream().filter(r -> r.code().startsWith(prefix)).count() + 1;
        String phone = kind.equals("GRID_WORKER")
                ? city.cells.stream().filter(c -> c.gridWorker().equals(name)).findFirst().orElseThrow().gridWorkerPhone()
                : names.phone();
        responders.add(new Responder(String.format("%s%03d", prefix, serial), name, kind, team, skills, phone, status,
                township, position, at));
    }

    static Map<String, Object> properties(Responder r) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("code", r.code());
        p.put("name", r.name());
        p.put("kind", r.kind());
        p.put("team", r.team());
        p.put("skills", r.skills());
        p.put("phone", r.phone());
        p.put("status", r.status());
        p.put("township_code", r.township().code());
        p.put("position_at", r.positionAt() == null ? null : r.positionAt().format(Cases.TIMESTAMP));
        return p;
    }
}
