package com.gridcommand.review;

import com.gridcommand.support.BrowserlessSignIn;

import com.gridcommand.hotspot.ui.HotspotsView;
import com.gridcommand.review.ui.ReviewView;
import com.gridcommand.hotspot.HotspotDetection;
import com.gridcommand.security.internal.GridUserRepository;
import com.gridcommand.support.IntegrationTest;
import com.vaadin.browserless.SpringBrowserlessTest;
import com.vaadin.browserless.ViewPackages;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.NumberField;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.context.SecurityContextHolder;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The leaders' screens without a browser: a detection run lists candidates and judges them on the period after it,
 * one action lists an unlisted candidate (its outline becomes the hotspot's) and a review moves it on; the review
 * screen's score weights are checked and shown.
 */
@IntegrationTest
@ViewPackages(classes = {HotspotsView.class, ReviewView.class})
class LeadersScreensTest extends SpringBrowserlessTest {

    @Autowired
    JdbcClient jdbc;
    @Autowired
    GridUserRepository users;

    void signIn(String username) {
        BrowserlessSignIn.signIn(users, username);
    }

    @AfterEach
    void cleanUp() {
        SecurityContextHolder.clearContext();
        jdbc.sql("delete from hotspot_review where hotspot_id in (select id from hotspot where name like '研判候选区域%')").update();
        jdbc.sql("delete from hotspot where name like '研判候选区域%'").update();
    }

    @Test
    @SuppressWarnings("unchecked")
    void aDetectionRunIsJudgedAndOneActionListsACandidate() {
        signIn("lingdao");
        navigate(HotspotsView.class);
        int hotspots = jdbc.sql("select count(*) from hotspot").query(Integer.class).single();
        Grid<Object> register = $(Grid.class).id("hotspot-register");
        assertThat(test(register).size()).isEqualTo(hotspots);

        LocalDate last = jdbc.sql("select max(reported_at at time zone 'Asia/Shanghai')::date from gov_case").query(LocalDate.class).single();
        test($(DatePicker.class).id("detect-from")).setValue(last.minusMonths(9));
        test($(DatePicker.class).id("detect-to")).setValue(last.minusMonths(3));
        test($(DatePicker.class).id("detect-test-to")).setValue(last);
        test($(Button.class).id("detect-run")).click();
        Grid<HotspotDetection.Candidate> found = $(Grid.class).id("detect-candidates");
        assertThat(test(found).size()).isPositive();
        for (int i = 0; i < test(found).size(); i++) {
            assertThat(test(found).getRow(i).cases()).isGreaterThanOrEqualTo(15);
            if (i > 0) assertThat(test(found).getRow(i).cases()).isLessThanOrEqualTo(test(found).getRow(i - 1).cases());
        }
        // Judged on the three months after: the areas hold far more of the later cases than their share of the city.
        String pai = $(Paragraph.class).id("detect-pai").getText();
        assertThat(pai).contains("PAI").contains(last.minusMonths(3).plusDays(1).toString());
        double candidatesPai = Double.parseDouble(pai.replaceAll(".*候选区域 ([0-9.]+).*", "$1"));
        assertThat(candidatesPai).isGreaterThan(2);

        int row = -1;
        for (int i = 0; i < test(found).size(); i++) if (test(found).getRow(i).listedHotspots().isEmpty()) { row = i; break; }
        assertThat(row).as("an emerging cluster is found and not listed").isGreaterThanOrEqualTo(0);
        HotspotDetection.Candidate candidate = test(found).getRow(row);
        test((Button) test(found).getCellComponent(row, 4)).click();
        test($(TextField.class).id("listing-unit")).setValue("城关派出所");
        test($(TextArea.class).id("listing-measures")).setValue("夜间巡逻加密，增设照明");
        test($(Button.class).id("listing-save")).click();

        long id = jdbc.sql("select id from hotspot where name = :n").param("n", "研判候选区域" + (candidate.cluster() + 1)).query(Long.class).single();
        assertThat(jdbc.sql("select status from hotspot where id = :id").param("id", id).query(String.class).single()).isEqualTo("LISTED");
        assertThat(jdbc.sql("select ST_HausdorffDistance(geom::geography::geometry, ST_SetSRID(ST_GeomFromGeoJSON(:g), 4326)) < 1e-5 from hotspot where id = :id")
                .param("g", candidate.geometry()).param("id", id).query(Boolean.class).single()).isTrue();
        assertThat(test(register).size()).isEqualTo(hotspots + 1);

        // The new hotspot is selected; a review moves it to rectifying, with its note in the history.
        test($(Button.class).id("hotspot-review")).click();
        test($(Select.class).id("review-status-next")).selectItem("整治中");
        test($(TextArea.class).id("review-note")).setValue("已落实夜间巡逻");
        test($(Button.class).id("review-save")).click();
        assertThat(jdbc.sql("select status from hotspot where id = :id").param("id", id).query(String.class).single()).isEqualTo("RECTIFYING");
        assertThat($(Div.class).id("hotspot-reviews").getElement().getTextRecursively()).contains("已落实夜间巡逻").contains("挂牌 → 整治中");
    }

    @Test
    void scoreWeightsThatMakeNoScoreAreSaidAndTheDefaultsUsed() {
        signIn("lingdao");
        navigate(ReviewView.class);
        test($(NumberField.class).id("review-w-closure")).setValue(0.0);
        test($(NumberField.class).id("review-w-ontime")).setValue(0.0);
        test($(NumberField.class).id("review-w-speed")).setValue(0.0);
        assertThat($(Paragraph.class).id("review-formula").getText()).contains("0.00×办结率 + 0.00×按期办结率 + 0.00×时效 + 0.10×");
        test($(NumberField.class).id("review-w-overdue")).setValue(0.0);
        assertThat($(Span.class).id("review-status").getText()).contains("权重");
        assertThat($(Paragraph.class).id("review-formula").getText()).contains("0.30×办结率 + 0.40×按期办结率 + 0.20×时效 + 0.10×");
    }
}
