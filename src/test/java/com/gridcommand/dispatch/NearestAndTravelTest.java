package com.gridcommand.dispatch;

import com.gridcommand.security.internal.GridUserRepository;
import com.gridcommand.support.As;
import com.gridcommand.support.TestClock;
import com.gridcommand.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Transactional;

import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Nearest responders against a brute-force scan of all of them; travel times on a small graph whose answers are known. */
@IntegrationTest
@Transactional // every generated responder and road is rolled back
class NearestAndTravelTest {

    @Autowired
    TestClock clock;

    @Autowired
    NearestResponders nearest;
    @Autowired
    TravelTimes travelTimes;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    GridUserRepository users;

    private static final List<String> KINDS = List.of("POLICE_PATROL", "GRID_WORKER", "MEDIATOR", "VILLAGE_GUARD", "EMERGENCY_TEAM");
    private static final List<String> STATUSES = List.of("AVAILABLE", "AVAILABLE", "RETURNING", "ASSIGNED", "EN_ROUTE", "OFF_DUTY");

    /** 3,000 more responders over the city, several sharing exact spots (ties) and near-ties. */
    private double[] generate() {
        double[] box = jdbc.sql("select ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e) from (select ST_Extent(geom)::geometry e from township) x")
                .query((rs, i) -> new double[]{rs.getDouble(1), rs.getDouble(2), rs.getDouble(3), rs.getDouble(4)}).single();
        long township = jdbc.sql("select min(id) from township").query(Long.class).single();
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < 3000; i++) {
            double lon = box[0] + random.nextDouble() * (box[2] - box[0]);
            double lat = box[1] + random.nextDouble() * (box[3] - box[1]);
            if (i % 50 == 1) { // the same spot as the one before: a tie broken by id
                lon = jdbc.sql("select ST_X(position) from responder where code = :c").param("c", "T" + (i - 1)).query(Double.class).single();
                lat = jdbc.sql("select ST_Y(position) from responder where code = :c").param("c", "T" + (i - 1)).query(Double.class).single();
            }
            jdbc.sql("""
                            insert into responder (code, name, kind, team, skills, status, township_id, position, position_at)
                            values (:c, :c, :k, :team, :skills::text[], :s, :t, ST_SetSRID(ST_MakePoint(:lon, :lat), 4326), :now)""")
                    .param("c", "T" + i).param("k", KINDS.get(random.nextInt(KINDS.size()))).param("team", "队" + random.nextInt(4))
                    .param("skills", random.nextBoolean() ? "{急救}" : random.nextBoolean() ? "{调解,急救}" : "{}")
                    .param("s", STATUSES.get(random.nextInt(STATUSES.size()))).param("t", township)
                    .param("lon", lon).param("lat", lat).param("now", clock.now()).update();
        }
        return box;
    }

    /** The answer by scanning every responder: exact spheroid distance, no index, no bound. */
    private List<Long> bruteForce(double lon, double lat, int k, String kind, String skill, String team) {
        return jdbc.sql("""
                        select id from responder r
                         where r.status in ('AVAILABLE', 'RETURNING') and r.kind <> 'LEADER' and r.position is not null
                           and (cast(:kind as text) is null or r.kind = :kind) and (cast(:skill as text) is null or :skill = any (r.skills))
                           and (cast(:team as text) is null or r.team = :team)
                         order by ST_Distance(r.position::geography, ST_SetSRID(ST_MakePoint(:lon, :lat), 4326)::geography, true), r.id
                         limit :k""")
                .param("kind", kind).param("skill", skill).param("team", team).param("lon", lon).param("lat", lat).param("k", k)
                .query(Long.class).list();
    }

    @Test
    void theKNearestAreExactlyThoseOfABruteForceScanInMetreOrder() {
        double[] box = generate();
        checkAgainstBruteForce(box);
    }

    @Test
    void theBoundedPathGivesTheSameExactAnswer() {
        double[] box = generate();
        nearest.sphereError(1); // never certain from the first scan: always bound and sort exactly
        long before = nearest.boundedScans();
        try {
            checkAgainstBruteForce(box);
        } finally {
            nearest.sphereError(NearestResponders.SPHERE_ERROR);
        }
        assertThat(nearest.boundedScans() - before).as("every query took the bounded path").isEqualTo(40);
    }

    private void checkAgainstBruteForce(double[] box) {
        SplittableRandom random = new SplittableRandom(7);
        As.user(users, "diaodu", () -> {
            for (int q = 0; q < 40; q++) {
                double lon = box[0] + random.nextDouble() * (box[2] - box[0]);
                double lat = box[1] + random.nextDouble() * (box[3] - box[1]);
                int k = 1 + random.nextInt(12);
                List<Candidate> found = nearest.nearest(lon, lat, k, CandidateFilter.ANY);
                assertThat(found).extracting(Candidate::id).as("query %d at %f,%f k=%d", q, lon, lat, k)
                        .containsExactlyElementsOf(bruteForce(lon, lat, k, null, null, null));
                for (int i = 1; i < found.size(); i++) assertThat(found.get(i).distanceMetres()).isGreaterThanOrEqualTo(found.get(i - 1).distanceMetres());
                assertThat(found).allSatisfy(c -> assertThat(c.status()).isIn("AVAILABLE", "RETURNING"));
            }
        });
    }

    /**
     * On the equator the spheroid is flatter north-south than the sphere and wider east-west: a unit 999 m north on the
     * sphere is 993.4 m away, twelve units 994-997.3 m east on the sphere are 995.1-998.4 m. The sphere ranks the
     * northern one 13th, behind every candidate the first scan takes for k = 1; in metres it is the nearest.
     */
    @Test
    void theNearestInMetresIsFoundWhenTheSphereRanksItBehindEveryCandidate() {
        double lon = 100.5, lat = 0, sphereRadius = 6_371_008.7714;
        long township = jdbc.sql("select min(id) from township").query(Long.class).single();
        place("S-N", lon, lat + Math.toDegrees(999 / sphereRadius), township);
        for (int i = 0; i < 12; i++) place("S-E" + i, lon + Math.toDegrees((994 + 0.3 * i) / sphereRadius), lat, township);
        List<String> bySphere = jdbc.sql("""
                        select code from responder where code like 'S-%'
                         order by position::geography <-> ST_SetSRID(ST_MakePoint(:lon, :lat), 4326)::geography""")
                .param("lon", lon).param("lat", lat).query(String.class).list();
        assertThat(bySphere.indexOf("S-N")).as("on the sphere the northern unit is last").isEqualTo(12);
        assertThat(NearestResponders.candidates(1)).as("and beyond the first scan for k = 1").isLessThan(13);
        As.user(users, "diaodu", () -> {
            long before = nearest.boundedScans();
            List<Candidate> one = nearest.nearest(lon, lat, 1, CandidateFilter.ANY);
            assertThat(one).extracting(Candidate::code).containsExactly("S-N");
            assertThat(one.getFirst().distanceMetres()).isCloseTo(993.4, within(0.1));
            assertThat(nearest.boundedScans() - before).as("found by the bounded query, not the first scan").isEqualTo(1);
            for (int k : new int[]{1, 3, 12, 13}) {
                assertThat(nearest.nearest(lon, lat, k, CandidateFilter.ANY)).extracting(Candidate::id).as("k=%d", k)
                        .containsExactlyElementsOf(bruteForce(lon, lat, k, null, null, null));
            }
        });
    }

    private void place(String code, double lon, double lat, long township) {
        jdbc.sql("""
                        insert into responder (code, name, kind, status, township_id, position, position_at)
                        values (:c, :c, 'POLICE_PATROL', 'AVAILABLE', :t, ST_SetSRID(ST_MakePoint(:lon, :lat), 4326), :now)""")
                .param("c", code).param("t", township).param("lon", lon).param("lat", lat).param("now", clock.now()).update();
    }

    @Test
    void filtersByKindSkillAndTeam() {
        double[] box = generate();
        double lon = (box[0] + box[2]) / 2, lat = (box[1] + box[3]) / 2;
        As.user(users, "diaodu", () -> {
            List<Candidate> police = nearest.nearest(lon, lat, 10, new CandidateFilter(Set.of("POLICE_PATROL"), null, null));
            assertThat(police).hasSize(10).allSatisfy(c -> assertThat(c.kind()).isEqualTo("POLICE_PATROL"));
            assertThat(police).extracting(Candidate::id).containsExactlyElementsOf(bruteForce(lon, lat, 10, "POLICE_PATROL", null, null));
            List<Candidate> firstAid = nearest.nearest(lon, lat, 10, new CandidateFilter(Set.of(), "急救", "队2"));
            assertThat(firstAid).isNotEmpty().allSatisfy(c -> {
                assertThat(c.skills()).contains("急救");
                assertThat(c.team()).isEqualTo("队2");
            });
            assertThat(firstAid).extracting(Candidate::id).containsExactlyElementsOf(bruteForce(lon, lat, 10, null, "急救", "队2"));
        });
    }

    @Test
    void aTownshipUserSeesOnlyTheirTownshipsResponders() {
        generate();
        double[] at = jdbc.sql("select ST_X(ST_PointOnSurface(geom)), ST_Y(ST_PointOnSurface(geom)) from township order by code limit 1")
                .query((rs, i) -> new double[]{rs.getDouble(1), rs.getDouble(2)}).single();
        List<Candidate> own = As.user(users, "qingxi.zhihui", () -> nearest.nearest(at[0], at[1], 20, CandidateFilter.ANY));
        String code = users.byUsername("qingxi.zhihui").orElseThrow().scope().codes().getFirst();
        assertThat(own).isNotEmpty().allSatisfy(c -> assertThat(jdbc.sql("select t.code from responder r join township t on t.id = r.township_id where r.id = :id")
                .param("id", c.id()).query(String.class).single()).isEqualTo(code));
    }

    // ------------------------------------------------------------------ travel times on a known graph

    /**
     * An island of roads on the equator, far from the city (so nothing else interferes):
     * A(100.00,0) —36 km/h→ B(100.01,0) —36 km/h→ D(100.02,0), and a detour A → C(100.01,0.005) → D at 72 km/h,
     * with C → D one-way. Lengths come from PostGIS (geography), costs from the table's own formula.
     */
    private void island() {
        String[][] roads = {
                {"AB", "LINESTRING(100.00 0, 100.01 0)", "36", "false"},
                {"BD", "LINESTRING(100.01 0, 100.02 0)", "36", "false"},
                {"AC", "LINESTRING(100.00 0, 100.01 0.005)", "72", "false"},
                {"CD", "LINESTRING(100.01 0.005, 100.02 0)", "72", "true"}};
        for (String[] r : roads) {
            jdbc.sql("insert into road_segment (name, road_class, oneway, speed_kmh, geom) values (:n, 'LOCAL', :o, :s, ST_GeomFromText(:g, 4326))")
                    .param("n", "ISLAND-" + r[0]).param("o", Boolean.parseBoolean(r[3])).param("s", Integer.parseInt(r[2])).param("g", r[1]).update();
        }
        jdbc.sql("select road_build_topology()").query(Integer.class).single();
    }

    private double metres(String wkt) {
        return jdbc.sql("select ST_Length(ST_GeomFromText(:g, 4326)::geography)").param("g", wkt).query(Double.class).single();
    }

    @Test
    void roadTimesFollowTheFastestPathAndRespectOneWayStreets() {
        island();
        double ab = metres("LINESTRING(100.00 0, 100.01 0)") / 10, bd = metres("LINESTRING(100.01 0, 100.02 0)") / 10;
        double ac = metres("LINESTRING(100.00 0, 100.01 0.005)") / 20, cd = metres("LINESTRING(100.01 0.005, 100.02 0)") / 20;
        assertThat(ac + cd).as("the detour is faster").isLessThan(ab + bd);
        var a = new TravelTimes.Point(100.00, 0);
        var d = new TravelTimes.Point(100.02, 0);
        var halfwayAB = new TravelTimes.Point(100.005, 0);
        List<TravelTime> toD = travelTimes.toTarget(List.of(a, halfwayAB), d);
        assertThat(toD.get(0).method()).isEqualTo(TravelTime.Method.ROAD);
        assertThat(toD.get(0).seconds()).isCloseTo((int) Math.round(ac + cd), within(1));
        // From half-way along A–B: back to A and round the detour, or on through B, whichever is faster.
        double expected = Math.min(ab / 2 + ac + cd, ab / 2 + bd);
        assertThat(toD.get(1).seconds()).isCloseTo((int) Math.round(expected), within(1));
        // D → A cannot use the one-way C → D backwards: only D → B → A.
        List<TravelTime> toA = travelTimes.toTarget(List.of(d), a);
        assertThat(toA.getFirst().seconds()).isCloseTo((int) Math.round(bd + ab), within(1));
    }

    @Test
    void aPointOffTheNetworkGetsAStraightLineEstimateAndSaysSo() {
        island();
        var farAway = new TravelTimes.Point(100.01, 0.03); // about 3 km north of the island's roads
        var d = new TravelTimes.Point(100.02, 0);
        TravelTime t = travelTimes.toTarget(List.of(farAway), d).getFirst();
        double straight = jdbc.sql("select ST_Distance(ST_MakePoint(100.01, 0.03)::geography, ST_MakePoint(100.02, 0)::geography)")
                .query(Double.class).single();
        assertThat(t.method()).isEqualTo(TravelTime.Method.STRAIGHT_LINE);
        assertThat(t.metres()).isCloseTo(straight, within(0.5));
        assertThat(t.seconds()).isCloseTo((int) Math.round(straight / (TravelTimes.OFF_ROAD_KMH / 3.6)), within(1));
    }

    @Test
    void unconnectedRoadsFallBackToTheStraightLine() {
        island();
        // A responder in the demo city and a target on the island: both on roads, but no road joins them.
        double[] city = jdbc.sql("select ST_X(ST_StartPoint(geom)), ST_Y(ST_StartPoint(geom)) from road_segment where name is null or name not like 'ISLAND-%' order by id limit 1")
                .query((rs, i) -> new double[]{rs.getDouble(1), rs.getDouble(2)}).single();
        TravelTime t = travelTimes.toTarget(List.of(new TravelTimes.Point(city[0], city[1])), new TravelTimes.Point(100.02, 0)).getFirst();
        assertThat(t.method()).isEqualTo(TravelTime.Method.STRAIGHT_LINE);
    }
}
