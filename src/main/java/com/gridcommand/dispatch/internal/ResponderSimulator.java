package com.gridcommand.dispatch.internal;

import com.gridcommand.cluster.ClusterJobs;
import com.gridcommand.dispatch.Ping;
import com.gridcommand.dispatch.PositionIngest;
import com.gridcommand.security.DeviceService;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.linearref.LengthIndexedLine;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKBReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;

/**
 * Moves demo responders until real trackers report. Patrol teams keep their plan: while one of a route's windows is
 * open, a member of its team drives or walks the route, there and back (so today's patrol compliance fills in as the
 * day goes by). Other on-duty responders drive or walk a shortest path to a random junction a few kilometres away,
 * then pick another. Each reports through a device, and its positions go through {@link PositionIngest} exactly as
 * a tracker's would (tracks, checks, current position, change feed). Off with {@code gridcommand.simulator.enabled=false}.
 * In a cluster it moves them from one node ({@link ClusterJobs#runSticky}); the node that takes over starts from the
 * positions in the database, not from what it last moved itself, so no marker jumps back.
 */
@Component
@ConditionalOnProperty(name = "gridcommand.simulator.enabled", havingValue = "true")
class ResponderSimulator {

    private static final Logger log = LoggerFactory.getLogger(ResponderSimulator.class);
    private static final double METRES_PER_DEGREE = 111_320.0;
    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    /** Its name as a cluster job ({@code job_run.name}). */
    static final String JOB = "responder-simulator";
    /** Another node takes over after the running one has not finished a tick for this many ticks. */
    static final double TAKE_OVER_AFTER_TICKS = 2.5;

    private final JdbcTemplate jdbc;
    private final PositionIngest ingest;
    private final Clock clock;
    private final int maxMovers;
    private final double speedFactor;
    private final long tickMillis;
    private final ClusterJobs jobs;
    private final SplittableRandom random = new SplittableRandom(7);

    private double[][] nodes = new double[0][];
    private List<List<Edge>> adjacency = List.of();
    private final List<Mover> movers = new ArrayList<>();
    private final List<Plan> plans = new ArrayList<>();
    /** Members on patrol now, by responder id. */
    private final Map<Long, Mover> patrollers = new HashMap<>();
    private long ticks;
    /** Standing responders' devices still report: refresh their position time this often (in ticks). */
    private static final int HEARTBEAT_TICKS = 15;

    private record Edge(int to, double metres, Coordinate[] line) {}

    /** A patrol route with its windows (China time) and its team's members. */
    private record Plan(long routeId, LineString line, double metres, boolean car, List<Window> windows, List<Long> members) {}

    /** ISO weekdays; {@code to} before {@code from} runs past midnight. */
    record Window(long id, Set<Integer> days, LocalTime from, LocalTime to) {
        /** The start of this window if it is open at {@code at}. */
        Optional<LocalDateTime> openAt(LocalDateTime at) {
            LocalDate day = at.toLocalDate();
            LocalTime time = at.toLocalTime();
            if (to.isAfter(from)) {
                return days.contains(day.getDayOfWeek().getValue()) && !time.isBefore(from) && time.isBefore(to)
                        ? Optional.of(day.atTime(from)) : Optional.empty();
            }
            if (days.contains(day.getDayOfWeek().getValue()) && !time.isBefore(from)) return Optional.of(day.atTime(from));
            LocalDate before = day.minusDays(1);
            if (days.contains(before.getDayOfWeek().getValue()) && time.isBefore(to)) return Optional.of(before.atTime(from));
            return Optional.empty();
        }
    }

    /** How far along its route a patroller is, and which way it goes. */
    private static final class Patrol {
        final Plan plan;
        double along;
        boolean back;

        Patrol(Plan plan, double along) {
            this.plan = plan;
            this.along = along;
        }
    }

    private static final class Mover {
        final long id;
        DeviceService.DeviceIdentity device;
        final double metresPerSecond;
        Coordinate[] route = new Coordinate[0];
        int leg;
        double along;
        Coordinate at;
        int node;
        Patrol patrol;

        Mover(long id, double metresPerSecond, Coordinate at, int node) {
            this.id = id;
            this.metresPerSecond = metresPerSecond;
            this.at = at;
            this.node = node;
        }
    }

    ResponderSimulator(JdbcTemplate jdbc, PositionIngest ingest, Clock clock, @Value("${gridcommand.simulator.movers:40}") int maxMovers,
                       @Value("${gridcommand.simulator.speed-factor:3}") double speedFactor,
                       @Value("${gridcommand.simulator.tick-millis:2000}") long tickMillis, ClusterJobs jobs) {
        this.jdbc = jdbc;
        this.ingest = ingest;
        this.clock = clock;
        this.maxMovers = maxMovers;
        this.speedFactor = speedFactor;
        this.tickMillis = tickMillis;
        this.jobs = jobs;
    }

    @EventListener(ApplicationReadyEvent.class)
    synchronized void prepare() {
        Map<Long, Integer> index = new HashMap<>();
        List<double[]> nodeList = new ArrayList<>();
        jdbc.query("select id, ST_X(geom), ST_Y(geom) from road_node order by id", rs -> {
            index.put(rs.getLong(1), nodeList.size());
            nodeList.add(new double[]{rs.getDouble(2), rs.getDouble(3)});
        });
        nodes = nodeList.toArray(double[][]::new);
        adjacency = new ArrayList<>();
        for (int i = 0; i < nodes.length; i++) adjacency.add(new ArrayList<>());
        WKBReader reader = new WKBReader();
        jdbc.query("select source, target, length_m, ST_AsBinary(geom) from road_segment where source is not null and target is not null", rs -> {
            Integer a = index.get(rs.getLong(1)), b = index.get(rs.getLong(2));
            if (a == null || b == null) return;
            Coordinate[] line = read(reader, rs.getBytes(4)).getCoordinates();
            Coordinate[] reversed = line.clone();
            java.util.Collections.reverse(Arrays.asList(reversed));
            adjacency.get(a).add(new Edge(b, rs.getDouble(3), line));
            adjacency.get(b).add(new Edge(a, rs.getDouble(3), reversed));
        });
        if (nodes.length == 0) {
            log.info("Responder simulator: no road network yet, nothing to move");
            return;
        }
        loadMovers();
        loadPlans(reader);
        log.info("Responder simulator moving {} responders along {} road junctions and the members of {} patrol routes every {} ms",
                movers.size(), nodes.length, plans.size(), tickMillis);
        heartbeat();
    }

    /** The on-duty responders to move, from where the database has them now. */
    private void loadMovers() {
        movers.clear();
        jdbc.query("""
                select id, kind, ST_X(position), ST_Y(position) from responder
                 where position is not null and status in ('AVAILABLE', 'ASSIGNED', 'EN_ROUTE', 'RETURNING')
                 order by id limit ?""", rs -> {
            Coordinate at = new Coordinate(rs.getDouble(3), rs.getDouble(4));
            double kmh = switch (rs.getString(2)) {
                case "POLICE_PATROL", "EMERGENCY_TEAM" -> 30;
                default -> 12;
            };
            movers.add(new Mover(rs.getLong(1), kmh / 3.6 * speedFactor, at, nearestNode(at)));
        }, maxMovers);
        for (Mover m : movers) m.device = device(m.id);
    }

    /**
     * Taking over from another node (or from this one's run before another took it): what this node kept in memory is
     * stale, so movers and patrollers start again from the positions the other node stored.
     */
    private void resume() {
        if (nodes.length == 0) return;
        loadMovers();
        patrollers.clear();
        ticks = 0;
    }

    private void loadPlans(WKBReader reader) {
        Map<Long, List<Window>> windows = new HashMap<>();
        jdbc.query("select id, route_id, days, starts_at, ends_at from patrol_window order by id", rs -> {
            Set<Integer> days = new HashSet<>();
            for (Object d : (Object[]) rs.getArray(3).getArray()) days.add(((Number) d).intValue());
            windows.computeIfAbsent(rs.getLong(2), r -> new ArrayList<>())
                    .add(new Window(rs.getLong(1), days, rs.getObject(4, LocalTime.class), rs.getObject(5, LocalTime.class)));
        });
        jdbc.query("""
                select p.id, ST_AsBinary(p.geom), ST_Length(p.geom::geography), p.team_kind = 'POLICE_PATROL',
                       array(select r.id from responder r where r.team = p.team and r.kind <> 'LEADER' order by r.id)
                  from patrol_route p order by p.id""", rs -> {
            List<Long> members = new ArrayList<>();
            for (Object id : (Object[]) rs.getArray(5).getArray()) members.add(((Number) id).longValue());
            if (members.isEmpty() || !windows.containsKey(rs.getLong(1))) return;
            plans.add(new Plan(rs.getLong(1), (LineString) read(reader, rs.getBytes(2)), rs.getDouble(3), rs.getBoolean(4),
                    windows.get(rs.getLong(1)), members));
        });
    }

    /**
     * Puts a member of each route's team on it while one of its windows is open (from where they are now, so the track
     * goes on without a jump), and sends those whose window closed back to standing.
     */
    private void planPatrols(Instant now) {
        LocalDateTime local = LocalDateTime.ofInstant(now, CHINA);
        Set<Long> onDuty = new HashSet<>();
        for (Plan plan : plans) {
            for (Window w : plan.windows()) {
                Optional<LocalDateTime> start = w.openAt(local);
                if (start.isEmpty()) continue;
                long member = plan.members().get((int) Math.floorMod(start.get().toLocalDate().toEpochDay() + w.id(), plan.members().size()));
                if (!onDuty.add(member)) continue;
                Mover m = patrollers.get(member);
                if (m != null && m.patrol != null && m.patrol.plan == plan) continue;
                if (m == null) {
                    Coordinate at = position(member).orElse(plan.line().getCoordinateN(0));
                    m = new Mover(member, 0, at, 0);
                    m.device = device(member);
                    patrollers.put(member, m);
                }
                LengthIndexedLine indexed = new LengthIndexedLine(plan.line());
                m.patrol = new Patrol(plan, indexed.project(m.at) / plan.line().getLength() * plan.metres());
            }
        }
        patrollers.keySet().removeIf(id -> !onDuty.contains(id));
    }

    /** Where the responder is now, if known. */
    private Optional<Coordinate> position(long responder) {
        return jdbc.query("select ST_X(position), ST_Y(position) from responder where id = ? and position is not null",
                (rs, i) -> new Coordinate(rs.getDouble(1), rs.getDouble(2)), responder).stream().findFirst();
    }

    /** A patroller's next point: along the route and back, at a patrol car's or a walker's pace. */
    private static void patrol(Mover m, double seconds) {
        Patrol p = m.patrol;
        double step = (p.plan.car() ? 25 : 10) / 3.6 * seconds;
        p.along += p.back ? -step : step;
        if (p.along >= p.plan.metres()) {
            p.along = Math.max(0, 2 * p.plan.metres() - p.along);
            p.back = true;
        } else if (p.along <= 0) {
            p.along = Math.min(p.plan.metres(), -p.along);
            p.back = false;
        }
        LineString line = p.plan.line();
        m.at = new LengthIndexedLine(line).extractPoint(p.along / p.plan.metres() * line.getLength());
    }

    /** The responder's demo or simulated tracker (a simulated one is made once; neither has a usable token). */
    private DeviceService.DeviceIdentity device(long responderId) {
        List<DeviceService.DeviceIdentity> existing = jdbc.query("""
                select id, name, responder_id from device where responder_id = ? and created_by in ('demo', 'simulator')
                   and revoked_at is null order by created_by, id limit 1""",
                (rs, i) -> new DeviceService.DeviceIdentity(rs.getLong(1), rs.getString(2), rs.getLong(3)), responderId);
        if (!existing.isEmpty()) return existing.getFirst();
        String prefix = "sim" + String.format("%05d", responderId % 100_000);
        jdbc.update("""
                insert into device (name, token_prefix, token_hash, responder_id, created_by)
                select '模拟终端 ' || code, ?, 'simulated: no token matches', id, 'simulator' from responder where id = ?
                on conflict (token_prefix) do nothing""", prefix, responderId);
        return jdbc.queryForObject("select id, name, responder_id from device where token_prefix = ?",
                (rs, i) -> new DeviceService.DeviceIdentity(rs.getLong(1), rs.getString(2), rs.getLong(3)), prefix);
    }

    /** On-duty responders who stand still and have no tracker report too: their positions stay current, not stale. */
    private void heartbeat() {
        jdbc.update("""
                update responder r set position_at = ? where position is not null and status <> 'OFF_DUTY'
                   and not exists (select 1 from device d where d.responder_id = r.id and d.revoked_at is null)""",
                Timestamp.from(clock.instant()));
    }

    @Scheduled(fixedDelayString = "${gridcommand.simulator.tick-millis:2000}", initialDelayString = "${gridcommand.simulator.tick-millis:2000}")
    synchronized void tick() {
        jobs.runSticky(JOB, Duration.ofMillis((long) (tickMillis * TAKE_OVER_AFTER_TICKS)), handover -> {
            if (handover.fromAnotherNode()) resume();
            move();
        });
    }

    /** One tick: every mover and patroller a step further, each reported as a ping. */
    private void move() {
        Instant now = clock.instant();
        if (ticks++ % HEARTBEAT_TICKS == 0) {
            heartbeat();
            planPatrols(now);
        }
        for (Mover m : patrollers.values()) {
            patrol(m, tickMillis / 1000.0);
            ingest.accept(m.device, List.of(Ping.at(now, m.at.y, m.at.x)));
        }
        for (Mover m : movers) {
            if (patrollers.containsKey(m.id)) continue; // on patrol: the route decides where it goes
            advance(m, m.metresPerSecond * tickMillis / 1000.0);
            ingest.accept(m.device, List.of(Ping.at(now, m.at.y, m.at.x)));
        }
    }

    private void advance(Mover m, double metres) {
        while (metres > 0) {
            if (m.leg + 1 >= m.route.length) {
                planRoute(m);
                if (m.route.length < 2) return;
            }
            Coordinate a = m.route[m.leg], b = m.route[m.leg + 1];
            double legMetres = metres(a, b);
            double remaining = legMetres - m.along;
            if (metres < remaining) {
                m.along += metres;
                double f = legMetres == 0 ? 1 : m.along / legMetres;
                m.at = new Coordinate(a.x + (b.x - a.x) * f, a.y + (b.y - a.y) * f);
                return;
            }
            metres -= remaining;
            m.leg++;
            m.along = 0;
            m.at = b;
        }
    }

    private void planRoute(Mover m) {
        int target = m.node;
        for (int attempt = 0; attempt < 10 && target == m.node; attempt++) {
            int candidate = random.nextInt(nodes.length);
            if (metres(nodes[candidate], m.at) < 3_000) target = candidate;
        }
        List<Coordinate> route = shortestPath(m.node, target);
        m.route = route.toArray(Coordinate[]::new);
        m.leg = 0;
        m.along = 0;
        m.node = target;
        // From where it is (a responder loaded from the database stands between junctions), not from the junction.
        if (m.route.length > 0 && metres(m.route[0], m.at) > 1) {
            Coordinate[] from = new Coordinate[m.route.length + 1];
            from[0] = m.at;
            System.arraycopy(m.route, 0, from, 1, m.route.length);
            m.route = from;
        }
    }

    private List<Coordinate> shortestPath(int from, int to) {
        double[] distance = new double[nodes.length];
        Edge[] via = new Edge[nodes.length];
        int[] previous = new int[nodes.length];
        Arrays.fill(distance, Double.MAX_VALUE);
        distance[from] = 0;
        var queue = new PriorityQueue<double[]>(Comparator.comparingDouble(e -> e[1]));
        queue.add(new double[]{from, 0});
        while (!queue.isEmpty()) {
            double[] head = queue.poll();
            int node = (int) head[0];
            if (head[1] > distance[node]) continue;
            if (node == to) break;
            for (Edge e : adjacency.get(node)) {
                double d = distance[node] + e.metres();
                if (d < distance[e.to()]) {
                    distance[e.to()] = d;
                    via[e.to()] = e;
                    previous[e.to()] = node;
                    queue.add(new double[]{e.to(), d});
                }
            }
        }
        if (via[to] == null) return List.of();
        List<Coordinate[]> legs = new ArrayList<>();
        for (int n = to; n != from; n = previous[n]) legs.add(0, via[n].line());
        List<Coordinate> route = new ArrayList<>();
        for (Coordinate[] line : legs) {
            for (int i = route.isEmpty() ? 0 : 1; i < line.length; i++) route.add(line[i]);
        }
        return route;
    }

    private int nearestNode(Coordinate at) {
        int best = 0;
        double bestMetres = Double.MAX_VALUE;
        for (int i = 0; i < nodes.length; i++) {
            double d = metres(nodes[i], at);
            if (d < bestMetres) {
                bestMetres = d;
                best = i;
            }
        }
        return best;
    }

    private static double metres(Coordinate a, Coordinate b) {
        double dx = (b.x - a.x) * METRES_PER_DEGREE * Math.cos(Math.toRadians(a.y));
        double dy = (b.y - a.y) * METRES_PER_DEGREE;
        return Math.sqrt(dx * dx + dy * dy);
    }

    private static double metres(double[] node, Coordinate b) {
        return metres(new Coordinate(node[0], node[1]), b);
    }

    private static Geometry read(WKBReader reader, byte[] wkb) {
        try {
            return reader.read(wkb);
        } catch (ParseException e) {
            throw new IllegalStateException(e);
        }
    }
}
