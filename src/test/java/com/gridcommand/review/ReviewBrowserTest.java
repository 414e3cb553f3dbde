package com.gridcommand.review;

import com.gridcommand.support.BrowserTestBase;

import com.gridcommand.casework.AreaReview;
import com.gridcommand.review.ReviewFiles;
import com.gridcommand.support.Browser;
import com.gridcommand.support.TestClock;
import com.gridcommand.support.BrowserTest;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A leader opens the review, picks a month, sees the choropleth and the ranking, clicks a township and then a
 * community on the map to drill down to its cells, and exports the XLSX — whose figures are the database's.
 */
@BrowserTest
class ReviewBrowserTest extends BrowserTestBase {

    @Autowired
    TestClock clock;

    @Autowired
    JdbcClient jdbc;

    private Browser browser;

    @SuppressWarnings("unchecked")
    private List<String> featureIds() {
        return (List<String>) browser.js("return document.querySelector('#review-map').featureIds('review-areas');");
    }

    private List<String> column(int index) {
        // The table's cells in row order: the grid renders each row's cells in column order.
        @SuppressWarnings("unchecked")
        List<String> texts = (List<String>) browser.js("""
                const grid = document.querySelector('#review-table');
                return [...grid.shadowRoot.querySelectorAll('tbody#items tr')].filter(r => !r.hidden && r.index < grid.size)
                    .sort((a, b) => a.index - b.index)
                    .map(r => r.querySelectorAll('td')[arguments[0]])
                    .map(td => {
                      const slot = td && td.querySelector('slot');
                      const content = slot && slot.assignedNodes()[0];
                      return content ? content.textContent.trim() : '';
                    });""", index);
        return texts;
    }

    private Map<String, Integer> casesByName(String level, String parentColumn, Long parentId, YearMonth month) {
        Map<String, Integer> result = new HashMap<>();
        String name = level.equals("grid_cell") ? "a.code" : "a.name";
        jdbc.sql("select " + name + " as name, count(k.id) as n from " + level + " a left join gov_case k on k." + level + "_id = a.id"
                        + " and k.reported_at >= :from and k.reported_at < :to"
                        + (parentId == null ? "" : " where a." + parentColumn + " = " + parentId) + " group by 1")
                .param("from", month.atDay(1).atStartOfDay(AreaReview.CHINA).toOffsetDateTime())
                .param("to", month.plusMonths(1).atDay(1).atStartOfDay(AreaReview.CHINA).toOffsetDateTime())
                .query(rs -> {
                    result.put(rs.getString("name"), rs.getInt("n"));
                });
        return result;
    }

    private void clickMapAt(double lon, double lat) {
        @SuppressWarnings("unchecked")
        Map<String, Object> p = (Map<String, Object>) browser.js(
                "return document.querySelector('#review-map').containerPoint(arguments[0], arguments[1]);", lat, lon);
        WebElement map = browser.find(By.cssSelector("#review-map .lf-map-container"));
        int x = ((Number) p.get("x")).intValue() - map.getSize().getWidth() / 2;
        int y = ((Number) p.get("y")).intValue() - map.getSize().getHeight() / 2;
        new Actions(browser.driver()).moveToElement(map, x, y).click().perform();
    }

    private double[] inside(String table, long id) {
        return jdbc.sql("select ST_X(p), ST_Y(p) from " + table + " a, ST_PointOnSurface(a.geom) p where a.id = :id").param("id", id)
                .query((rs, i) -> new double[]{rs.getDouble(1), rs.getDouble(2)}).single();
    }

    @Test
    void aLeaderReviewsAMonthDrillsDownAndExports() throws Exception {
        browser = signedIn("lingdao", 1600, 1000);
        browser.open(base() + "/review");
        List<Long> townships = jdbc.sql("select id from township order by id").query(Long.class).list();
        browser.waitFor(Duration.ofSeconds(30), d -> featureIds().size() == townships.size());

        // Picks a month two months back, as a leader would from the list.
        YearMonth month = YearMonth.now(clock).minusMonths(2);
        String label = month.getYear() + "年" + month.getMonthValue() + "月";
        browser.find(By.id("review-month")).click();
        WebElement item = browser.waitFor(Duration.ofSeconds(10), d -> d.findElements(By.cssSelector("vaadin-select-item")).stream()
                .filter(i -> i.getText().trim().equals(label) && i.isDisplayed()).findFirst().orElse(null));
        item.click();
        browser.waitFor(Duration.ofSeconds(10), d -> browser.find(By.id("review-month")).getText().contains(label));

        // The choropleth: every township coloured in a class, and a legend of those classes.
        browser.waitFor(Duration.ofSeconds(10), d -> {
            Set<String> expected = new HashSet<>();
            townships.forEach(t -> expected.add(Long.toString(t)));
            return new HashSet<>(featureIds()).equals(expected);
        });
        for (long t : townships) {
            @SuppressWarnings("unchecked")
            Map<String, Object> props = (Map<String, Object>) browser.js(
                    "return document.querySelector('#review-map').featureProperties('review-areas', arguments[0]);", Long.toString(t));
            assertThat(props).containsKey("band");
            assertThat(((Number) props.get("band")).intValue()).isBetween(0, 4);
        }
        assertThat(browser.findAll(By.cssSelector("#review-legend .gc-legend-row"))).isNotEmpty();

        // The ranking: ranks 1.. in order, each township's cases as the database counts them for that month.
        Map<String, Integer> expectedCases = casesByName("township", null, null, month);
        browser.waitFor(Duration.ofSeconds(10), d -> {
            List<String> names = column(1);
            List<String> cases = column(2);
            if (names.size() != townships.size()) return false;
            for (int i = 0; i < names.size(); i++) {
                if (!String.valueOf(expectedCases.get(names.get(i).replace("十佳", "").trim())).equals(cases.get(i))) return false;
            }
            return true;
        });
        assertThat(column(0).getFirst()).isEqualTo("1");

        // Clicks a township on the map: its communities.
        long township = jdbc.sql("select id from township where name = '城关街道'").query(Long.class).single();
        double[] t = inside("township", township);
        clickMapAt(t[0], t[1]);
        List<Long> communities = jdbc.sql("select id from community where township_id = :t order by id").param("t", township).query(Long.class).list();
        browser.waitFor(Duration.ofSeconds(15), d -> featureIds().size() == communities.size()
                && new HashSet<>(featureIds()).containsAll(communities.stream().map(String::valueOf).toList()));

        // Clicks a community: its cells, and the way back names it.
        long community = communities.get(1);
        String communityName = jdbc.sql("select name from community where id = :id").param("id", community).query(String.class).single();
        double[] c = inside("community", community);
        browser.waitFor(Duration.ofSeconds(10), d -> {
            clickMapAt(c[0], c[1]);
            return browser.findAll(By.id("review-crumb-community")).stream().anyMatch(e -> e.getText().equals(communityName));
        });
        List<String> cells = jdbc.sql("select id::text from grid_cell where community_id = :c order by id").param("c", community).query(String.class).list();
        browser.waitFor(Duration.ofSeconds(15), d -> new HashSet<>(featureIds()).equals(new HashSet<>(cells)));
        Map<String, Integer> cellCases = casesByName("grid_cell", "community_id", community, month);
        browser.waitFor(Duration.ofSeconds(10), d -> column(1).size() == cells.size());

        // The chart shows the twelve months up to the chosen one.
        Object labels = browser.waitFor(Duration.ofSeconds(10), d -> browser.js(
                "const c = window.Chart && Chart.getChart(document.querySelector('#review-trend canvas')); return c ? c.data.labels : null;"));
        assertThat((List<?>) labels).hasSize(12).last().isEqualTo(month.toString());

        // Exports the XLSX: the file the link gives is the cells' review of that month.
        String href = browser.find(By.id("review-xlsx")).getAttribute("href");
        String base64 = (String) ((org.openqa.selenium.JavascriptExecutor) browser.driver()).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                fetch(arguments[0], {credentials: 'same-origin'}).then(r => r.arrayBuffer()).then(b => {
                  let s = ''; const bytes = new Uint8Array(b);
                  for (let i = 0; i < bytes.length; i++) s += String.fromCharCode(bytes[i]);
                  done(btoa(s));
                }).catch(e => done('ERROR ' + e));""", href);
        assertThat(base64).doesNotStartWith("ERROR");
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(Base64.getDecoder().decode(base64)))) {
            Sheet sheet = book.getSheetAt(0);
            DataFormatter text = new DataFormatter();
            assertThat(text.formatCellValue(sheet.getRow(0).getCell(0))).isEqualTo(month.getYear() + "年" + month.getMonthValue() + "月"
                    + communityName + "网格综治工作考评");
            List<String> headings = new ArrayList<>();
            sheet.getRow(3).forEach(cell -> headings.add(cell.getStringCellValue()));
            assertThat(headings).isEqualTo(ReviewFiles.HEADINGS);
            Map<String, Integer> exported = new HashMap<>();
            for (int r = 4; r <= sheet.getLastRowNum(); r++) {
                Row row = sheet.getRow(r);
                exported.put(row.getCell(2).getStringCellValue(), (int) row.getCell(3).getNumericCellValue());
            }
            assertThat(exported).isEqualTo(cellCases);
        }
    }
}
