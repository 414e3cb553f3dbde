package com.gridcommand.map;

import com.gridcommand.support.BrowserlessSignIn;

import com.gridcommand.base.map.MapScreens;
import com.gridcommand.geo.Bbox;
import org.vaadin.addons.leafletflow.FeatureLayer;
import org.vaadin.addons.leafletflow.LeafletMap;
import com.gridcommand.support.IntegrationTest;
import com.vaadin.browserless.SpringBrowserlessTest;
import com.vaadin.browserless.ViewPackages;
import com.vaadin.flow.component.ComponentUtil;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.Span;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The command map's logic without a browser: the view the browser reports decides what each layer holds and what the panel counts. */
@IntegrationTest
@com.gridcommand.support.WithGridUser("admin")
@ViewPackages(classes = CommandMapView.class)
class CommandMapViewTest extends SpringBrowserlessTest {

    @Autowired
    JdbcClient jdbc;
    @Autowired
    com.gridcommand.security.internal.GridUserRepository users;

    private LeafletMap map;

    @BeforeEach
    void open() {
        // Vaadin reads the signed-in user from the session, as after a real sign-in.
        BrowserlessSignIn.signIn(users, "admin");
        navigate(CommandMapView.class);
        map = $(LeafletMap.class).single();
    }

    @org.junit.jupiter.api.AfterEach
    void signOut() {
        // Do not leave this user on the test thread for whatever runs next.
        org.springframework.security.core.context.SecurityContextHolder.clearContext();
    }

    private void browserReports(Bbox box, int zoom) {
        ComponentUtil.fireEvent(map, new LeafletMap.MoveEvent(map, true, box.west(), box.south(), box.east(), box.north(), zoom, 1200, 800));
    }

    private Set<String> ids(String sql, Bbox b) {
        return jdbc.sql(sql).param("w", b.west()).param("s", b.south()).param("e", b.east()).param("n", b.north())
                .query(Long.class).list().stream().map(String::valueOf).collect(Collectors.toSet());
    }

    private String count(String id) {
        return $(Span.class).id(id).getText();
    }

    private FeatureLayer layer(String id) {
        return map.layer(id).orElseThrow();
    }

    @Test
    void theHomePageOffersEveryLayerInChinese() {
        assertThat(map.layers().stream().map(l -> l.definition().title()).toList()).containsExactlyInAnyOrder(
                "乡镇/街道", "村/社区", "网格", "道路", "巡防路线", "治安重点地区", "重点部位", "视频监控", "处置力量", "在办案件", "地名");
        assertThat(count("count-open")).isEqualTo("–"); // nothing counted before the browser reports a view
    }

    @Test
    void aReportedViewLoadsItsBoxPlusAMarginAndCountsTheBoxItself() {
        Bbox view = new Bbox(120.95, 29.06, 121.05, 29.13);
        browserReports(view, 14);
        Bbox loaded = view.padded(MapScreens.PADDING);
        String envelope = "ST_MakeEnvelope(:w, :s, :e, :n, 4326)";
        assertThat(layer("cells").features().keySet()).isEqualTo(ids("select id from grid_cell where ST_Intersects(geom, " + envelope + ")", loaded));
        assertThat(layer("cases").features().keySet()).isEqualTo(ids(
                "select id from gov_case where step <> 'CLOSED' and ST_Intersects(geom, " + envelope + ")", loaded));
        assertThat(layer("cameras").features()).isNotEmpty();
        assertThat(count("count-open")).isEqualTo(String.valueOf(ids(
                "select id from gov_case where step <> 'CLOSED' and ST_Intersects(geom, " + envelope + ")", view).size()));

        // Zooming out past the cameras' range empties that layer; local streets go too.
        browserReports(new Bbox(120.85, 29.0, 121.15, 29.19), 12);
        assertThat(layer("cameras").features()).isEmpty();
        assertThat(layer("roads").features().values()).allMatch(f -> !"LOCAL".equals(f.properties().get("roadClass")));
    }

    @Test
    void aLayerSwitchedOffInTheBrowserIsNotLoaded() {
        ComponentUtil.fireEvent(map, new LeafletMap.LayerToggleEvent(map, true, "hotspots", false));
        browserReports(new Bbox(120.85, 29.0, 121.15, 29.19), 12);
        assertThat(layer("hotspots").features()).isEmpty();
        ComponentUtil.fireEvent(map, new LeafletMap.LayerToggleEvent(map, true, "hotspots", true));
        assertThat(layer("hotspots").features()).hasSize(15);
    }

    @Test
    void clickingACaseOpensItsDetailsAndAnUnknownIdOpensNothing() {
        browserReports(new Bbox(120.85, 29.0, 121.15, 29.19), 12);
        String id = layer("cases").features().keySet().iterator().next();
        String title = jdbc.sql("select title from gov_case where id = :id").param("id", Long.parseLong(id)).query(String.class).single();
        popupsOpened(); // forget what loading the view sent

        ComponentUtil.fireEvent(map, new LeafletMap.FeatureClickEvent(map, true, "cases", "999999999", 29.1, 121.0));
        assertThat(popupsOpened()).isEmpty();

        ComponentUtil.fireEvent(map, new LeafletMap.FeatureClickEvent(map, true, "cases", id, 29.1, 121.0));
        assertThat(popupsOpened()).singleElement().asString().contains("\"title\":\"" + title + "\"");
    }

    private List<String> popupsOpened() {
        roundTrip(); // element calls are queued until the response is written
        return UI.getCurrent().getInternals().dumpPendingJavaScriptInvocations().stream()
                .filter(i -> i.getInvocation().getExpression().contains("openPopup"))
                .map(i -> String.valueOf(i.getInvocation().getParameters()))
                .toList();
    }
}
