package com.gridcommand.demo;

import com.gridcommand.casework.AreaReview;
import com.gridcommand.patrol.PatrolCompliance;
import com.gridcommand.patrol.PatrolPresence;
import com.gridcommand.review.LeadersReview;
import com.gridcommand.security.internal.GridUserRepository;
import com.gridcommand.support.As;
import com.gridcommand.support.IntegrationTest;
import com.gridcommand.support.TestClock;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo city as a leader meets it: patrols that mostly happen (some missed, some short), hotspots visited at
 * night, patrol gaps in a minority of cells, and every township with patrol presence and response times in last
 * month's review. A screen of zeros is a broken demo, whatever its service tests say.
 */
@IntegrationTest
class DemoCityBehavesLikeACityTest {

    @Autowired
    PatrolCompliance compliance;
    @Autowired
    PatrolPresence presence;
    @Autowired
    LeadersReview reviews;
    @Autowired
    GridUserRepository users;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    TestClock clock;

    private LocalDate today() {
        return LocalDate.now(clock);
    }

    @Test
    void mostPlannedPatrolsOfTheLastDaysWereOnScheduleSomeWereNot() {
        List<PatrolCompliance.Result> results = new ArrayList<>();
        for (int back = 1; back <= 3; back++) results.addAll(compliance.planned(today().minusDays(back), 50));
        assertThat(results).hasSizeGreaterThan(60);
        long onSchedule = results.stream().filter(PatrolCompliance.Result::onSchedule).count();
        double share = (double) onSchedule / results.size();
        assertThat(share).as("share of planned patrols on schedule").isBetween(0.6, 0.97);
        assertThat(results).as("a patrol missed or cut short").anyMatch(r -> r.coverage() < 0.5);
        assertThat(results).as("coverage between none and all").anyMatch(r -> r.coverage() > 0.05 && r.coverage() < 0.8);
    }

    @Test
    void someHotspotsWereVisitedLastNightAndSomeGotAKoperStop() {
        var night = today().minusDays(1).atTime(PatrolPresence.NIGHT_STARTS).atZone(PatrolPresence.CHINA).toOffsetDateTime();
        List<String> active = jdbc.sql("select code from hotspot where status <> 'DELISTED' order by code").query(String.class).list();
        List<PatrolPresence.Dosage> dosages = active.stream().map(code -> presence.dosage(code, night, night.plusHours(10))).toList();
        assertThat(dosages).as("hotspots with visits").filteredOn(d -> !d.visits().isEmpty()).hasSizeBetween(2, active.size());
        assertThat(dosages).as("a stop of 10 minutes or more").anyMatch(d -> d.koperStops() > 0);
    }

    @Test
    void patrolGapsOfTheLastWeekAreAMinorityOfCells() {
        List<PatrolPresence.Presence> week = presence.presence(today().minusDays(7), today().minusDays(1));
        List<PatrolPresence.Presence> cells = week.stream().filter(p -> p.kind().equals("CELL")).toList();
        long gaps = cells.stream().filter(PatrolPresence.Presence::gap).count();
        assertThat(cells).hasSize(400);
        assertThat((double) gaps / cells.size()).as("share of cells with a day or night gap").isBetween(0.05, 0.5);
        assertThat(cells).as("cells patrolled by day").filteredOn(PatrolPresence.Presence::day).hasSizeGreaterThan(200);
        assertThat(cells).as("cells patrolled by night").filteredOn(PatrolPresence.Presence::night).hasSizeGreaterThan(200);
    }

    @Test
    void lastMonthsReviewShowsPatrolPresenceAndResponseTimesInEveryTownship() {
        LeadersReview.Review review = As.user(users, "lingdao", () -> reviews.review(AreaReview.Level.TOWNSHIP,
                YearMonth.from(today()).minusMonths(1), null, AreaReview.Weights.DEFAULT));
        assertThat(review.lines()).hasSize(5).allSatisfy(line -> {
            String area = line.row().name();
            assertThat(line.figures().patrolDayShare()).as(area + " day").isBetween(0.3, 1.0);
            assertThat(line.figures().patrolNightShare()).as(area + " night").isBetween(0.3, 1.0);
            assertThat(line.figures().responseMedianMinutes()).as(area + " response median").isNotNull().isBetween(3.0, 60.0);
            assertThat(line.figures().responseP90Minutes()).as(area + " response p90").isNotNull()
                    .isGreaterThanOrEqualTo(line.figures().responseMedianMinutes());
        });
        assertThat(review.lines()).as("not all the same").extracting(l -> l.figures().patrolNightShare()).doesNotHaveDuplicates();
    }

    @Test
    void everyDemoTrackerShowsWhenItLastReported() {
        assertThat(jdbc.sql("select count(*) from device where created_by = 'demo'").query(Long.class).single()).isGreaterThan(50);
        assertThat(jdbc.sql("select count(*) from device where created_by = 'demo' and last_seen_at is null").query(Long.class).single()).isZero();
    }
}
