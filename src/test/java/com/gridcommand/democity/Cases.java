package com.gridcommand.democity;

import org.locationtech.jts.geom.Coordinate;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A year of cases: disputes spread where people live, public-security trouble concentrated in the
 * clusters and at night, and a workflow state that follows from each case's age and handling time:
 * most closed, some open, some overdue.
 */
final class Cases {

    static final int TOTAL = 5_000;
    static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssXXX");

    private static final String[] CATEGORIES = {"NEIGHBOUR", "FAMILY", "LAND", "LABOUR", "PROPERTY", "PUBLIC_SECURITY", "HAZARD", "PETITION", "OTHER"};
    private static final double[] BACKGROUND_MIX = {24, 13, 10, 8, 9, 12, 11, 5, 8};
    private static final double[] CLUSTER_MIX = {12, 2, 0, 2, 24, 48, 9, 0, 3};
    private static final double[] SEVERITY = {60, 28, 10, 2};
    private static final int[] ALLOWED_DAYS = {30, 15, 7, 3};
    private static final String[] SOURCES = {"COUNTER", "PATROL", "HOTLINE", "POLICE_110", "UPPER_LEVEL"};
    private static final double[] SOURCE_MIX = {25, 30, 25, 15, 5};
    /** Hour-of-day weights: public-security trouble peaks at night, other matters during office hours. */
    private static final double[] NIGHT_HOURS = {6, 5, 4, 2, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2, 2, 2, 3, 3, 4, 5, 7, 9, 9, 8};
    private static final double[] DAY_HOURS = {0.3, 0.2, 0.1, 0.1, 0.1, 0.3, 0.8, 2, 5, 7, 7, 6, 4, 5, 6, 6, 5, 4, 3, 2, 1.5, 1, 0.6, 0.4};

    private static final Map<String, String[]> TITLES = Map.of(
            "NEIGHBOUR", new String[]{"邻里噪音扰民纠纷", "相邻通行纠纷", "宅基地界址争议", "楼道堆物引发邻里矛盾", "排水滴漏邻里纠纷"},
            "FAMILY", new String[]{"赡养老人纠纷", "婚姻家庭矛盾", "家庭财产分割纠纷", "继承纠纷"},
            "LAND", new String[]{"土地承包经营权纠纷", "山林权属争议", "征地补偿纠纷", "农田灌溉用水纠纷"},
            "LABOUR", new String[]{"拖欠农民工工资", "劳动合同解除纠纷", "工伤赔偿纠纷"},
            "PROPERTY", new String[]{"物业服务费纠纷", "电动车被盗", "财物损毁纠纷", "房屋租赁纠纷"},
            "PUBLIC_SECURITY", new String[]{"夜间酒后滋事", "打架斗殴", "盗窃案件线索", "寻衅滋事", "聚众赌博举报"},
            "HAZARD", new String[]{"消防通道堵塞", "违规用电隐患", "危房安全隐患", "道路交通安全隐患", "燃气使用隐患"},
            "PETITION", new String[]{"群众集体信访", "重复信访事项", "越级上访苗头"},
            "OTHER", new String[]{"流浪乞讨人员求助", "环境卫生投诉", "噪声污染投诉"});
    private static final String[] LANDMARKS = {"菜市场旁", "3幢2单元", "村口小桥边", "沿街店铺", "出租房内", "老街路口", "文化礼堂前",
            "工地宿舍", "公交站台", "停车场", "小区东门", "河埠头"};
    private static final String[] DETAILS = {
            "多次发生争执，双方情绪激动",
            "问题已持续一个多月，协商未果",
            "夜间经常有人聚集喧哗，影响休息",
            "店铺招牌写着\"24小时营业\"，凌晨仍有噪音 & 油烟",
            "有人在<夜宵摊>附近发生口角",
            "现场存在安全隐患，群众担心出事",
            "涉及金额约2万元，对方拒不支付",
            "双方各执一词，需要现场核实"};
    private static final String[] REQUESTS = {"请求协调处理。", "希望尽快解决。", "要求有关部门介入。", "请派人到现场查看。"};

    record Case(String code, String title, String description, String category, int severity, String source,
                String step, List<Map<String, String>> parties, OffsetDateTime reportedAt, OffsetDateTime deadline,
                OffsetDateTime closedAt, String responsibleUnit, String responsiblePerson, Coordinate point) {}

    final List<Case> cases = new ArrayList<>();

    Cases(DemoCity city, Hotspots hotspots) {
        DemoRandom random = DemoRandom.of(city.seed, "cases");
        Names parties = new Names(DemoRandom.of(city.seed, "parties"));
        Map<String, List<String>> handlers = new HashMap<>();
        OffsetDateTime end = city.anchor.atStartOfDay().atOffset(DemoCity.CHINA);
        List<Draft> drafts = new ArrayList<>();

        for (Hotspots.Cluster cluster : hotspots.clusters()) {
            for (int n = 0; n < cluster.cases(); n++) {
                Coordinate point = clusterPoint(city, random, cluster);
                int day = dayFollowing(random, cluster::rate);
                drafts.add(new Draft(point, day, CATEGORIES[random.weighted(CLUSTER_MIX)]));
            }
        }
        double[] households = city.cells.stream().mapToDouble(DemoCity.Cell::households).toArray();
        while (drafts.size() < TOTAL) {
            DemoCity.Cell cell = city.cells.get(random.weighted(households));
            int day = dayFollowing(random, d -> 1 + 0.15 * StrictMath.sin(2 * StrictMath.PI * d / 365.0));
            drafts.add(new Draft(city.randomPointIn(random, cell.polygon()), day, CATEGORIES[random.weighted(BACKGROUND_MIX)]));
        }

        List<Case> unnumbered = new ArrayList<>();
        for (Draft draft : drafts) {
            boolean night = draft.category().equals("PUBLIC_SECURITY") || draft.category().equals("PROPERTY");
            int hour = random.weighted(night ? NIGHT_HOURS : DAY_HOURS);
            LocalDateTime local = city.anchor.minusDays(365 - draft.day()).atTime(hour, random.between(0, 59));
            OffsetDateTime reported = local.atOffset(DemoCity.CHINA);
            int severity = 1 + random.weighted(SEVERITY);
            int allowed = ALLOWED_DAYS[severity - 1];
            OffsetDateTime deadline = reported.plusDays(allowed);
            double handlingDays = random.logNormal(0.4 * allowed, 0.7);
            OffsetDateTime handled = reported.plusMinutes(Math.max(30, Math.round(handlingDays * 1440)));
            boolean stale = random.chance(0.015) && reported.isBefore(end.minusDays(30));
            String step;
            OffsetDateTime closedAt = null;
            if (handled.isBefore(end) && !stale) {
                step = "CLOSED";
                closedAt = handled;
            } else {
                step = openStep(random, reported, end, allowed, stale);
            }
            DemoCity.Cell cell = city.cellAt(draft.point());
            String unit = responsibleUnit(draft.category(), severity, cell);
            String person = severity <= 2 && !unit.endsWith("派出所")
                    ? cell.gridWorker()
                    : random.pick(handlers.computeIfAbsent(unit, u -> List.of(parties.person(), parties.person(), parties.person())));
            String title = random.pick(TITLES.get(draft.category()));
            String description = reporter(random, draft.category(), parties) + "反映：" + cell.community().name()
                    + random.pick(LANDMARKS) + random.pick(DETAILS) + "。" + random.pick(REQUESTS);
            unnumbered.add(new Case(null, title, description, draft.category(), severity, SOURCES[random.weighted(SOURCE_MIX)],
                    step, parties(random, draft.category(), parties), reported, deadline, closedAt, unit, person, draft.point()));
        }

        unnumbered.sort(Comparator.comparing(Case::reportedAt).thenComparing(c -> c.point().x).thenComparing(c -> c.point().y));
        Map<String, Integer> serialPerDay = new HashMap<>();
        DateTimeFormatter day = DateTimeFormatter.ofPattern("yyyyMMdd");
        for (Case c : unnumbered) {
            String date = c.reportedAt().format(day);
            int serial = serialPerDay.merge(date, 1, Integer::sum);
            cases.add(new Case(String.format("AJ%s-%04d", date, serial), c.title(), c.description(), c.category(), c.severity(),
                    c.source(), c.step(), c.parties(), c.reportedAt(), c.deadline(), c.closedAt(), c.responsibleUnit(),
                    c.responsiblePerson(), c.point()));
        }
    }

    private record Draft(Coordinate point, int day, String category) {}

    private static Coordinate clusterPoint(DemoCity city, DemoRandom random, Hotspots.Cluster cluster) {
        for (;;) {
            double r = cluster.sigmaMetres() * StrictMath.abs(random.gaussian()) * 1.2;
            Coordinate p = city.offset(cluster.centre(), r, random.uniform(0, 360));
            if (city.inCity(p) && city.cellAt(p) != null) return p;
        }
    }

    /** A day in [0, 365) drawn with probability proportional to the rate (rejection sampling). */
    private static int dayFollowing(DemoRandom random, java.util.function.IntToDoubleFunction rate) {
        double max = 0;
        for (int d = 0; d < 365; d++) max = Math.max(max, rate.applyAsDouble(d));
        for (;;) {
            int d = random.between(0, 364);
            if (random.uniform() * max < rate.applyAsDouble(d)) return d;
        }
    }

    private static String openStep(DemoRandom random, OffsetDateTime reported, OffsetDateTime end, int allowed, boolean stale) {
        if (stale) return "SUPERVISION";
        double ageDays = java.time.Duration.between(reported, end).toMinutes() / 1440.0;
        double share = ageDays / allowed;
        if (ageDays < 0.5) return "INTAKE";
        if (share > 0.5 && random.chance(0.15)) return "FOLLOW_UP";
        if (share < 0.25) return "ROUTING";
        if (share < 0.7 || share >= 1.0) return "SUPERVISION";
        return "FEEDBACK";
    }

    private static String responsibleUnit(String category, int severity, DemoCity.Cell cell) {
        String township = cell.community().township().stem();
        if (severity >= 3) return cell.community().township().name() + "综治中心";
        return switch (category) {
            case "NEIGHBOUR", "FAMILY" -> cell.community().name() + "人民调解委员会";
            case "LAND" -> township + "农业农村办";
            case "LABOUR" -> township + "劳动保障所";
            case "PROPERTY", "PUBLIC_SECURITY" -> township + "派出所";
            case "HAZARD" -> township + "应急管理站";
            case "PETITION" -> township + "信访办";
            default -> cell.community().name() + "综治工作站";
        };
    }

    private static String reporter(DemoRandom random, String category, Names names) {
        return switch (random.between(0, 3)) {
            case 0 -> "群众" + names.person();
            case 1 -> "网格员巡查";
            case 2 -> "热线来电人";
            default -> category.equals("PUBLIC_SECURITY") ? "110转办：报警人" : "居民" + names.person();
        };
    }

    private static List<Map<String, String>> parties(DemoRandom random, String category, Names names) {
        List<Map<String, String>> parties = new ArrayList<>();
        if (category.equals("HAZARD") || category.equals("OTHER")) {
            parties.add(party(names.person(), "REPORTER"));
            return parties;
        }
        parties.add(party(names.person(), "APPLICANT"));
        int respondents = random.chance(0.2) ? 2 : 1;
        for (int i = 0; i < respondents; i++) parties.add(party(names.person(), "RESPONDENT"));
        return parties;
    }

    private static Map<String, String> party(String name, String role) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("name", name);
        p.put("role", role);
        return p;
    }

    static Map<String, Object> properties(Case c) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("code", c.code());
        p.put("title", c.title());
        p.put("description", c.description());
        p.put("category", c.category());
        p.put("severity", c.severity());
        p.put("source", c.source());
        p.put("step", c.step());
        p.put("parties", c.parties());
        p.put("reported_at", c.reportedAt().format(TIMESTAMP));
        p.put("deadline", c.deadline().format(TIMESTAMP));
        p.put("closed_at", c.closedAt() == null ? null : c.closedAt().format(TIMESTAMP));
        p.put("responsible_unit", c.responsibleUnit());
        p.put("responsible_person", c.responsiblePerson());
        return p;
    }
}
