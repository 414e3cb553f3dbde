package com.gridcommand.security;

import com.gridcommand.area.AreaLevel;
import com.gridcommand.area.AreaService;
import com.gridcommand.casework.CaseConflictException;
import com.gridcommand.casework.CaseCorrection;
import com.gridcommand.casework.CaseListItem;
import com.gridcommand.casework.CaseService;
import com.gridcommand.dispatch.ResponderService;
import com.gridcommand.geo.Bbox;
import com.gridcommand.geo.GeoFeature;
import com.gridcommand.geo.Viewport;
import com.gridcommand.hotspot.HotspotService;
import com.gridcommand.prevention.PreventionService;
import com.gridcommand.security.internal.GridUserRepository;
import com.gridcommand.support.As;
import com.gridcommand.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Transactional;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Scope is enforced where data is read and written: a township user cannot read or change another
 * township's cases, cells, hotspots or responders; a viewport across two townships returns only the
 * permitted side; a grid worker acts only in their cells; nobody signed in sees nothing.
 */
@IntegrationTest
class ScopeEnforcementTest {

    static final String QINGXI = "331099101000";

    @Autowired
    GridUserRepository users;
    @Autowired
    CaseService cases;
    @Autowired
    com.gridcommand.casework.CaseWorkflowService workflow;
    @Autowired
    AreaService areas;
    @Autowired
    HotspotService hotspots;
    @Autowired
    ResponderService responders;
    @Autowired
    PreventionService prevention;
    @Autowired
    JdbcClient jdbc;

    private static final Viewport CITY = new Viewport(new Bbox(120.8, 28.9, 121.2, 29.3), 14);

    private long id(String sql) {
        return jdbc.sql(sql).param("t", QINGXI).query(Long.class).list().getFirst();
    }

    private Set<String> ids(String sql, Bbox b) {
        return jdbc.sql(sql).param("t", QINGXI).param("w", b.west()).param("s", b.south()).param("e", b.east()).param("n", b.north())
                .query(Long.class).list().stream().map(String::valueOf).collect(Collectors.toSet());
    }

    private static Set<String> ids(List<GeoFeature> features) {
        return features.stream().map(GeoFeature::id).collect(Collectors.toSet());
    }

    @Test
    void aTownshipUserReadsOnlyTheirOwnTownship() {
        As.user(users, "qingxi.zhihui", () -> {
            List<CaseListItem> list = cases.list(0, 100_000);
            assertThat(list).isNotEmpty().allMatch(c -> c.township().equals("青溪镇"));
            assertThat(list).hasSize((int) id("select count(*) from gov_case k join township t on t.id = k.township_id where t.code = :t"));
            assertThat(areas.inView(AreaLevel.GRID_CELL, CITY)).isNotEmpty().allMatch(f -> f.properties().get("code").toString().startsWith("331099101"));
            assertThat(areas.inView(AreaLevel.TOWNSHIP, CITY)).extracting(f -> f.properties().get("code")).containsExactly(QINGXI);
            assertThat(ids(hotspots.inView(CITY))).isEqualTo(ids("select h.id from hotspot h join township t on t.id = h.township_id where t.code = :t", CITY.bbox()));
            assertThat(ids(responders.inView(CITY))).isNotEmpty().isEqualTo(ids("""
                    select r.id from responder r join township t on t.id = r.township_id where t.code = :t and r.position is not null""", CITY.bbox()));
            assertThat(prevention.camerasInView(CITY)).isNotEmpty();

            // Another township's things do not exist for them.
            long otherCase = id("select k.id from gov_case k join township t on t.id = k.township_id where t.code <> :t order by k.id");
            long otherCell = id("select c.id from grid_cell c where left(c.code, 9) <> left(:t, 9) order by c.id");
            long otherHotspot = id("select h.id from hotspot h join township t on t.id = h.township_id where t.code <> :t order by h.id");
            long otherResponder = id("select r.id from responder r join township t on t.id = r.township_id where t.code <> :t order by r.id");
            assertThat(cases.details(otherCase)).isEmpty();
            assertThat(areas.details(AreaLevel.GRID_CELL, otherCell)).isEmpty();
            assertThat(hotspots.details(otherHotspot)).isEmpty();
            assertThat(responders.details(otherResponder)).isEmpty();
        });
    }

    @Test
    void aViewportAcrossTwoTownshipsReturnsOnlyThePermittedSide() {
        // A point on the boundary between 青溪镇 and a neighbour, and a box around it.
        double[] p = jdbc.sql("""
                        select ST_X(pt), ST_Y(pt) from (
                          select ST_PointOnSurface(ST_Intersection(a.geom, b.geom)) pt
                            from township a join township b on a.id <> b.id and ST_Touches(a.geom, b.geom)
                           where a.code = :t limit 1) x""")
                .param("t", QINGXI).query((rs, i) -> new double[]{rs.getDouble(1), rs.getDouble(2)}).single();
        Bbox box = new Bbox(p[0] - 0.02, p[1] - 0.02, p[0] + 0.02, p[1] + 0.02);
        Viewport viewport = new Viewport(box, 14);
        String allCells = "select c.id from grid_cell c where ST_Intersects(c.geom, ST_MakeEnvelope(:w, :s, :e, :n, 4326))";
        Set<String> everyCell = ids(allCells, box);
        Set<String> qingxiCells = ids(allCells + " and left(c.code, 9) = left(:t, 9)", box);
        assertThat(everyCell).as("the box really straddles two townships").hasSizeGreaterThan(qingxiCells.size());
        assertThat(qingxiCells).isNotEmpty();

        As.user(users, "qingxi.zhihui", () -> {
            assertThat(ids(areas.inView(AreaLevel.GRID_CELL, viewport))).isEqualTo(qingxiCells);
            assertThat(ids(cases.openInView(viewport))).isEqualTo(ids("""
                    select k.id from gov_case k join township t on t.id = k.township_id
                     where t.code = :t and k.step <> 'CLOSED' and ST_Intersects(k.geom, ST_MakeEnvelope(:w, :s, :e, :n, 4326))""", box));
            assertThat(cases.countsIn(box).open()).isEqualTo(cases.openInView(viewport).size());
        });
        As.user(users, "zhihui", () -> assertThat(ids(areas.inView(AreaLevel.GRID_CELL, viewport))).isEqualTo(everyCell));
    }

    @Test
    @Transactional
    void aTownshipUserCannotChangeAnotherTownshipsThings() {
        long otherCase = id("select k.id from gov_case k join township t on t.id = k.township_id where t.code <> :t order by k.id");
        long otherHotspot = id("select h.id from hotspot h join township t on t.id = h.township_id where t.code <> :t order by h.id");
        long ownHotspot = id("select h.id from hotspot h join township t on t.id = h.township_id where t.code = :t order by h.id");
        long otherResponder = id("select r.id from responder r join township t on t.id = r.township_id where t.code <> :t order by r.id");
        long ownResponder = id("select r.id from responder r join township t on t.id = r.township_id where t.code = :t order by r.id");
        String before = jdbc.sql("select title || '|' || version from gov_case where id = :id").param("id", otherCase).query(String.class).single();

        As.user(users, "qingxi.zhihui", () -> {
            assertThatThrownBy(() -> workflow.correct(new CaseCorrection(otherCase, "改过的标题", "", "OTHER", 1, 0)))
                    .isInstanceOf(CurrentUser.AccessDeniedException.class);
            assertThatThrownBy(() -> responders.changeStatus(otherResponder, "OFF_DUTY")).isInstanceOf(CurrentUser.AccessDeniedException.class);
            responders.changeStatus(ownResponder, "OFF_DUTY");
            assertThatThrownBy(() -> areas.assignGridWorker(1, "某人", null)).isInstanceOf(CurrentUser.AccessDeniedException.class);
        });
        As.user(users, "qingxi.lingdao", () -> {
            assertThatThrownBy(() -> hotspots.changeStatus(otherHotspot, "DELISTED")).isInstanceOf(CurrentUser.AccessDeniedException.class);
            hotspots.changeStatus(ownHotspot, "UNDER_REVIEW");
        });
        assertThat(jdbc.sql("select title || '|' || version from gov_case where id = :id").param("id", otherCase).query(String.class).single())
                .isEqualTo(before);
        assertThat(jdbc.sql("select status from responder where id = :id").param("id", ownResponder).query(String.class).single()).isEqualTo("OFF_DUTY");
        assertThat(jdbc.sql("select status from hotspot where id = :id").param("id", ownHotspot).query(String.class).single()).isEqualTo("UNDER_REVIEW");
        assertThat(jdbc.sql("select status from hotspot where id = :id").param("id", otherHotspot).query(String.class).single()).isNotEqualTo("DELISTED");
    }

    @Test
    @Transactional
    void aGridWorkerActsOnlyInTheirOwnCells() {
        GridUser worker = users.byUsername("wangge").orElseThrow();
        List<String> cells = worker.scope().codes();
        // A case of their own, registered by them in one of their cells.
        double[] inCell = jdbc.sql("select ST_X(ST_PointOnSurface(geom)), ST_Y(ST_PointOnSurface(geom)) from grid_cell where code = :c")
                .param("c", cells.getFirst()).query((rs, i) -> new double[]{rs.getDouble(1), rs.getDouble(2)}).single();
        long ownCase = As.user(users, "wangge", () -> workflow.register(new com.gridcommand.casework.NewCase(inCell[0], inCell[1],
                "楼道堆物", "三楼楼道堆满杂物", "NEIGHBOUR", 1, "PATROL", List.of(), List.of())));
        long neighbourCase = jdbc.sql("""
                        select k.id from gov_case k join grid_cell c on c.id = k.grid_cell_id
                         where left(c.code, 12) = left(:one, 12) and not c.code = any(:c::text[]) order by k.id""")
                .param("one", cells.getFirst()).param("c", "{" + String.join(",", cells) + "}").query(Long.class).list().getFirst();

        As.user(users, "wangge", () -> {
            assertThat(cases.list(0, 10_000)).isNotEmpty().allMatch(c -> cases.details(c.id()).isPresent());
            assertThat(areas.inView(AreaLevel.GRID_CELL, CITY)).extracting(f -> f.properties().get("code")).containsExactlyInAnyOrderElementsOf(cells);
            long version = cases.details(ownCase).orElseThrow().version();
            workflow.correct(new CaseCorrection(ownCase, "网格员更正的标题", "现场核实后补充", "NEIGHBOUR", 1, version));
            assertThat(cases.details(neighbourCase)).isEmpty();
            assertThatThrownBy(() -> workflow.correct(new CaseCorrection(neighbourCase, "x", "", "NEIGHBOUR", 1, 0)))
                    .isInstanceOf(CurrentUser.AccessDeniedException.class);
            long anyResponder = jdbc.sql("select id from responder order by id limit 1").query(Long.class).single();
            assertThatThrownBy(() -> responders.changeStatus(anyResponder, "OFF_DUTY")).isInstanceOf(CurrentUser.AccessDeniedException.class);
        });
        assertThat(jdbc.sql("select title from gov_case where id = :id").param("id", ownCase).query(String.class).single()).isEqualTo("网格员更正的标题");
    }

    @Test
    void rolesDecideWhatMayBeChanged() {
        long anyCase = jdbc.sql("select id from gov_case order by id limit 1").query(Long.class).single();
        long anyHotspot = jdbc.sql("select id from hotspot order by id limit 1").query(Long.class).single();
        As.user(users, "lingdao", () -> assertThatThrownBy(() -> workflow.correct(new CaseCorrection(anyCase, "x", "", "OTHER", 1, 0)))
                .isInstanceOf(CurrentUser.AccessDeniedException.class));
        As.user(users, "zhihui", () -> assertThatThrownBy(() -> hotspots.changeStatus(anyHotspot, "DELISTED"))
                .isInstanceOf(CurrentUser.AccessDeniedException.class));
    }

    @Test
    void nobodySignedInSeesNothing() {
        org.springframework.security.core.context.SecurityContextHolder.clearContext();
        assertThat(org.springframework.security.core.context.SecurityContextHolder.getContext().getAuthentication()).isNull();
        assertThat(cases.count()).isZero();
        assertThat(cases.openInView(CITY)).isEmpty();
        assertThat(areas.inView(AreaLevel.GRID_CELL, CITY)).isEmpty();
        assertThat(hotspots.inView(CITY)).isEmpty();
        assertThat(responders.inView(CITY)).isEmpty();
        assertThat(prevention.keyPlacesInView(CITY)).isEmpty();
        assertThat(areas.extentInScope()).isEmpty();
    }

    @Test
    @Transactional
    void twoPeopleCorrectingTheSameCaseDoNotOverwriteEachOther() {
        long id = jdbc.sql("select id from gov_case where step <> 'CLOSED' order by id limit 1").query(Long.class).single();
        As.user(users, "zhihui", () -> {
            long version = cases.details(id).orElseThrow().version();
            // Both opened the case at the same version; the first saves.
            workflow.correct(new CaseCorrection(id, "第一人的更正", "甲", "NEIGHBOUR", 2, version));
            assertThatThrownBy(() -> workflow.correct(new CaseCorrection(id, "第二人的更正", "乙", "FAMILY", 1, version)))
                    .isInstanceOf(CaseConflictException.class).hasMessageContaining("changed by someone else");
            assertThat(cases.details(id).orElseThrow().title()).isEqualTo("第一人的更正");
        });
    }
}
