package com.gridcommand.hotspot;

import com.gridcommand.hotspot.HotspotRegister.InvalidAreaException.Reason;
import com.gridcommand.security.internal.GridUserRepository;
import com.gridcommand.support.As;
import com.gridcommand.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Transactional;

import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The hotspot register: a drawn area is refused with its reason (and nothing stored), a good one is listed, reviewed and reshaped. */
@IntegrationTest
@Transactional
class HotspotRegisterTest {

    @Autowired
    HotspotRegister register;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    GridUserRepository users;

    private double[] inside() {
        return jdbc.sql("select ST_X(p), ST_Y(p) from (select ST_PointOnSurface(geom) p from township order by code limit 1) x")
                .query((rs, i) -> new double[]{rs.getDouble(1), rs.getDouble(2)}).single();
    }

    private static String polygon(double[]... points) {
        StringBuilder sb = new StringBuilder("{\"type\":\"Polygon\",\"coordinates\":[[");
        for (int i = 0; i < points.length; i++) sb.append(i == 0 ? "" : ",").append(String.format(Locale.ROOT, "[%.7f,%.7f]", points[i][0], points[i][1]));
        return sb.append("]]}").toString();
    }

    private String square(double x, double y, double d) {
        return polygon(new double[]{x, y}, new double[]{x + d, y}, new double[]{x + d, y + d}, new double[]{x, y + d}, new double[]{x, y});
    }

    @Test
    void eachKindOfBadAreaIsRefusedWithItsReasonAndNothingIsStored() {
        double[] p = inside();
        double x = p[0], y = p[1], d = 0.002;
        int before = jdbc.sql("select count(*) from hotspot").query(Integer.class).single();
        Object[][] cases = {
                {polygon(new double[]{x, y}, new double[]{x + d, y}, new double[]{x + d, y + d}, new double[]{x, y + d}), Reason.NOT_CLOSED},
                {polygon(new double[]{x, y}, new double[]{x + d, y + d}, new double[]{x + d, y}, new double[]{x, y + d}, new double[]{x, y}), Reason.SELF_INTERSECTION},
                {polygon(new double[]{x, y}, new double[]{x + d, y}, new double[]{x, y}), Reason.TOO_FEW_POINTS},
                {square(100.0, 0.0, d), Reason.OUTSIDE_CITY},
                {polygon(new double[]{y, x}, new double[]{y, x + d}, new double[]{y + d, x + d}, new double[]{y, x}), Reason.OUT_OF_RANGE},
                {square(x, y, 0.00005), Reason.TOO_SMALL},
                {"{\"type\":\"MultiPolygon\",\"coordinates\":[]}", Reason.NOT_A_POLYGON},
                {"{\"type\":\"Polygon\",\"coordinates\":[[[1,2],[", Reason.NOT_GEOJSON},
        };
        for (Object[] c : cases) {
            assertThatThrownBy(() -> As.user(users, "lingdao", () -> register.list("测试", "城关派出所", null, List.of(), (String) c[0])))
                    .as(c[1].toString()).isInstanceOf(HotspotRegister.InvalidAreaException.class)
                    .satisfies(e -> assertThat(((HotspotRegister.InvalidAreaException) e).reason()).isEqualTo(c[1]));
        }
        assertThat(jdbc.sql("select count(*) from hotspot").query(Integer.class).single()).isEqualTo(before);
    }

    @Test
    void aGoodAreaIsListedReviewedAlongItsStepsAndReshapedOnce() {
        double[] p = inside();
        long id = As.user(users, "lingdao", () -> register.list("测试夜市周边", "城关派出所", "夜间巡逻", List.of("夜间"), square(p[0], p[1], 0.002)));
        assertThat(jdbc.sql("select status from hotspot where id = :id").param("id", id).query(String.class).single()).isEqualTo("LISTED");
        As.user(users, "lingdao", () -> register.review(id, "开始整治", "RECTIFYING"));
        assertThatThrownBy(() -> As.user(users, "lingdao", () -> register.review(id, "直接摘牌", "DELISTED")))
                .hasMessageContaining("cannot become DELISTED");
        As.user(users, "lingdao", () -> register.review(id, "整治完成，申请验收", "UNDER_REVIEW"));
        As.user(users, "lingdao", () -> register.review(id, "验收通过", "DELISTED"));
        assertThat(jdbc.sql("select status, delisted_on is not null from hotspot where id = :id").param("id", id)
                .query((rs, i) -> rs.getString(1) + rs.getBoolean(2)).single()).isEqualTo("DELISTEDtrue");
        assertThat(jdbc.sql("select count(*) from hotspot_review where hotspot_id = :id").param("id", id).query(Integer.class).single()).isEqualTo(3);
        long version = jdbc.sql("select version from hotspot where id = :id").param("id", id).query(Long.class).single();
        As.user(users, "lingdao", () -> register.reshape(id, square(p[0], p[1], 0.003), version));
        assertThatThrownBy(() -> As.user(users, "lingdao", () -> register.reshape(id, square(p[0], p[1], 0.004), version)))
                .hasMessageContaining("changed by someone else");
        assertThatThrownBy(() -> As.user(users, "wangge", () -> register.list("x", "y", null, List.of(), square(p[0], p[1], 0.002))))
                .isInstanceOf(com.gridcommand.security.CurrentUser.AccessDeniedException.class);
    }

    /** Focus entries are stored as given: a comma, a quote or a backslash in one stays in that one. */
    @Test
    void focusWithCommasAndQuotesIsStoredExactlyAsGiven() {
        double[] p = inside();
        List<String> focus = List.of("夜间, 周末", "\"校园\"周边", "a\\b");
        long id = As.user(users, "lingdao", () -> register.list("测试校园周边", "城关派出所", null, focus, square(p[0], p[1], 0.002)));
        assertThat(jdbc.sql("select focus from hotspot where id = :id").param("id", id)
                .query((rs, i) -> List.of((String[]) rs.getArray(1).getArray())).single()).containsExactlyElementsOf(focus);
    }
}
