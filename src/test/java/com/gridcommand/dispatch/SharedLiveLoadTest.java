package com.gridcommand.dispatch;

import com.gridcommand.changefeed.ui.LiveUpdates;
import com.gridcommand.geo.Bbox;
import com.gridcommand.geo.GeoFeature;
import com.gridcommand.geo.Viewport;
import com.gridcommand.security.internal.GridUserRepository;
import com.gridcommand.support.As;
import com.gridcommand.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every open map receives the same batch of moved responders, and the rows are loaded once per scope and precision for
 * all of them: what each map then draws is exactly what its own query would have returned — same rows, same geometry,
 * same properties, the box's edges included —, and a user never gets rows loaded for a wider scope.
 */
@IntegrationTest
class SharedLiveLoadTest {

    @Autowired
    GridUserRepository users;
    @Autowired
    ResponderService responders;
    @Autowired
    JdbcClient jdbc;

    private static final Viewport CITY = new Viewport(new Bbox(120.8, 28.9, 121.2, 29.3), 14);

    @Test
    void mapsSharingABatchDrawWhatTheirOwnQueryWouldAndLoadOncePerScope() {
        Set<Long> moved = Set.copyOf(jdbc.sql("select id from responder where position is not null order by id").query(Long.class).list());
        assertThat(moved).hasSizeGreaterThan(20);
        double[] some = jdbc.sql("select id, ST_X(position), ST_Y(position) from responder where position is not null order by id limit 1")
                .query((rs, i) -> new double[]{rs.getLong(1), rs.getDouble(2), rs.getDouble(3)}).single();
        String onTheEdge = Long.toString((long) some[0]);
        List<Viewport> views = List.of(CITY,
                new Viewport(new Bbox(120.95, 29.0, 121.05, 29.1), 15),
                new Viewport(new Bbox(120.95, 29.0, 121.05, 29.1), 19), // a finer precision (7 decimals): loaded apart
                // a box whose west and south edges run exactly through a responder: edges belong to the box, as in the database
                new Viewport(new Bbox(some[1], some[2], some[1] + 0.02, some[2] + 0.02), 15));
        LiveUpdates.Batch batch = new LiveUpdates.Batch(Map.of(ResponderService.CHANGES, moved), false);
        AtomicInteger loads = new AtomicInteger();
        BiFunction<Object, Supplier<List<ResponderService.Positioned>>, List<ResponderService.Positioned>> shared =
                (key, load) -> batch.shared(key, () -> {
                    loads.incrementAndGet();
                    return load.get();
                });

        for (String user : List.of("zhihui", "qingxi.zhihui", "wangge", "zhihui")) {
            As.user(users, user, () -> {
                for (Viewport view : views) {
                    List<GeoFeature> own = responders.inView(view, moved);
                    assertThat(responders.inView(view, moved, shared)).as("%s at %s", user, view).isEqualTo(own);
                }
            });
        }
        assertThat(responders.inView(views.get(3), moved, shared)).as("nobody signed in").isEmpty();
        // zhihui (city), qingxi.zhihui (a township), wangge (cells): one load each at precision 6 (zoom ≤ 17) and one each
        // at 7 (zoom 19); zhihui's second visit loads nothing; nobody signed in: one
        assertThat(loads).hasValue(7);
        As.user(users, "qingxi.zhihui", () -> assertThat(responders.inView(CITY, moved, shared)).isNotEmpty()
                .hasSizeLessThan(As.user(users, "zhihui", () -> responders.inView(CITY, moved, shared)).size()));
        As.user(users, "zhihui", () -> assertThat(responders.inView(views.get(3), moved, shared)).extracting(GeoFeature::id).contains(onTheEdge));
    }
}
