package com.gridcommand.casework;

import com.gridcommand.security.internal.GridUserRepository;
import com.gridcommand.support.As;
import com.gridcommand.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The leaders' review per area against a plain computation over the month's cases in Java. */
@IntegrationTest
class AreaReviewTest {

    @Autowired
    AreaReview review;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    GridUserRepository users;

    /** The continuous percentile: linear between the ranks around p·(n−1). */
    static double percentile(List<Double> values, double p) {
        List<Double> v = new ArrayList<>(values);
        v.sort(null);
        double at = p * (v.size() - 1);
        int lo = (int) Math.floor(at), hi = (int) Math.ceil(at);
        return v.get(lo) + (v.get(hi) - v.get(lo)) * (at - lo);
    }

    @Test
    void everyTownshipsFiguresEqualAPlainComputation() {
        OffsetDateTime last = jdbc.sql("select max(reported_at) from gov_case").query(OffsetDateTime.class).single();
        YearMonth month = YearMonth.from(last.atZoneSameInstant(AreaReview.CHINA)).minusMonths(2);
        List<AreaReview.Row> rows = As.user(users, "lingdao", () -> review.month(AreaReview.Level.TOWNSHIP, month));
        record Case(long township, OffsetDateTime reported, OffsetDateTime deadline, OffsetDateTime closed) {}
        List<Case> cases = jdbc.sql("select township_id, reported_at, deadline, closed_at from gov_case")
                .query((rs, i) -> new Case(rs.getLong(1), rs.getObject(2, OffsetDateTime.class), rs.getObject(3, OffsetDateTime.class),
                        rs.getObject(4, OffsetDateTime.class))).list();
        Map<Long, List<Case>> byTownship = new HashMap<>();
        for (Case c : cases) {
            if (YearMonth.from(c.reported().atZoneSameInstant(AreaReview.CHINA)).equals(month)) byTownship.computeIfAbsent(c.township(), t -> new ArrayList<>()).add(c);
        }
        assertThat(rows).hasSize(jdbc.sql("select count(*) from township").query(Integer.class).single());
        for (AreaReview.Row row : rows) {
            List<Case> mine = byTownship.getOrDefault(row.areaId(), List.of());
            assertThat(row.cases()).as(row.name()).isEqualTo(mine.size()).isPositive();
            List<Case> closed = mine.stream().filter(c -> c.closed() != null).toList();
            assertThat(row.closed()).isEqualTo(closed.size());
            assertThat(row.closedOnTime()).isEqualTo((int) closed.stream().filter(c -> c.deadline() != null && !c.closed().isAfter(c.deadline())).count());
            List<Double> hours = closed.stream().map(c -> Duration.between(c.reported(), c.closed()).toMillis() / 3_600_000.0).toList();
            assertThat(row.handlingHoursMedian()).isCloseTo(percentile(hours, 0.5), within(1e-6));
            assertThat(row.handlingHoursP90()).isCloseTo(percentile(hours, 0.9), within(1e-6));
            assertThat(row.handlingHoursP90()).isGreaterThanOrEqualTo(row.handlingHoursMedian());
        }
        // A township's leader sees their own township only.
        assertThat(As.user(users, "qingxi.lingdao", () -> review.month(AreaReview.Level.TOWNSHIP, month))).hasSize(1);
        assertThat(As.user(users, "qingxi.lingdao", () -> review.month(AreaReview.Level.GRID_CELL, month)))
                .hasSize(jdbc.sql("select count(*) from grid_cell c join community m on m.id = c.community_id join township t on t.id = m.township_id where t.code = :t")
                        .param("t", users.byUsername("qingxi.lingdao").orElseThrow().scope().codes().getFirst()).query(Integer.class).single());
    }

    @Test
    void theTenBestStationsRankingIsItsStatedFormula() {
        OffsetDateTime last = jdbc.sql("select max(reported_at) from gov_case").query(OffsetDateTime.class).single();
        YearMonth month = YearMonth.from(last.atZoneSameInstant(AreaReview.CHINA)).minusMonths(2);
        var weights = new AreaReview.Weights(1, 2, 1, 1);
        List<AreaReview.Ranked> ranked = As.user(users, "lingdao", () -> review.ranking(AreaReview.Level.COMMUNITY, month, weights));
        List<AreaReview.Row> rows = As.user(users, "lingdao", () -> review.month(AreaReview.Level.COMMUNITY, month));
        double slowest = rows.stream().filter(r -> r.cases() > 0 && r.handlingHoursP90() != null).mapToDouble(AreaReview.Row::handlingHoursP90).max().orElseThrow();
        assertThat(ranked).hasSize((int) rows.stream().filter(r -> r.cases() > 0).count()).hasSizeGreaterThan(10);
        for (AreaReview.Ranked r : ranked) {
            AreaReview.Row row = r.row();
            double speed = row.handlingHoursP90() == null ? 0 : 1 - row.handlingHoursP90() / slowest;
            double expected = 100 * (1 * row.closureRate() + 2 * row.onTimeRate() + 1 * speed + 1 * (1 - Math.min(1, (double) row.overdueNow() / row.cases()))) / 5;
            assertThat(r.score()).as(row.name()).isCloseTo(expected, within(1e-9)).isBetween(0.0, 100.0);
        }
        for (int i = 1; i < ranked.size(); i++) assertThat(ranked.get(i).score()).isLessThanOrEqualTo(ranked.get(i - 1).score());
        // Other weights, another order: the ranking follows the settings.
        List<AreaReview.Ranked> speedOnly = As.user(users, "lingdao", () -> review.ranking(AreaReview.Level.COMMUNITY, month, new AreaReview.Weights(0, 0, 1, 0)));
        for (int i = 1; i < speedOnly.size(); i++) assertThat(speedOnly.get(i).speedPart()).isLessThanOrEqualTo(speedOnly.get(i - 1).speedPart());
    }
}
