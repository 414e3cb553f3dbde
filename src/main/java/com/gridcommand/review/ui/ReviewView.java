package com.gridcommand.review.ui;

import com.gridcommand.base.ui.Frames;
import com.gridcommand.area.AreaService;
import com.gridcommand.base.i18n.Texts;
import com.gridcommand.base.map.MapScreens;
import com.gridcommand.base.ui.TrendChart;
import com.gridcommand.casework.AreaReview;
import com.gridcommand.casework.AreaReview.Level;
import com.gridcommand.review.LeadersReview;
import com.gridcommand.review.ReviewFiles;
import com.gridcommand.review.ReviewLevels;
import com.gridcommand.security.CurrentUser;
import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import org.vaadin.addons.leafletflow.LeafletMap;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * 考评: a month's casework, response, patrol presence and hotspot progress per township, community or grid cell of
 * the leader's areas — a choropleth of one chosen measure, the ranked table with the score's parts, the trend of
 * the chosen area over twelve months, and the review as XLSX or PDF. Clicking a township or community (on the map
 * or in the table) drills down to the areas inside it. The frame: the choices, the crumbs, the map and what is
 * shown; the {@link ChoroplethPanel}, {@link RankingPanel}, {@link TrendPanel} and {@link WeightsPanel} show it.
 */
@Route("review")
@Menu(order = 2.8, title = "nav.review")
@RolesAllowed({"LEADER", "COMMAND", "ADMIN"})
public class ReviewView extends Div implements HasDynamicTitle {

    private final LeadersReview reviews;

    private final ChoicesPanel choices;
    private final Div crumbs = new Div();
    private final Span status = new Span();
    private final LeafletMap map;
    private final ChoroplethPanel choropleth;
    private final RankingPanel table;
    private final TrendPanel chart;
    private final WeightsPanel weights;

    private Level shownLevel = Level.TOWNSHIP;
    private Long parentId;
    /** The township whose communities or (through a community) cells are shown, for the way back. */
    private Long townshipId;
    private String townshipName;
    private LeadersReview.Review review;
    private LeadersReview.Line selected;

    public ReviewView(LeadersReview reviews, AreaService areas, CurrentUser current, Clock clock, MapScreens screens) {
        this.reviews = reviews;
        addClassNames("gc-page", "gc-review-page");

        choices = new ChoicesPanel(clock, this::load, l -> show(l, null, null, null), this::paint, () -> review, current.actor());
        crumbs.setId("review-crumbs");
        crumbs.addClassName("gc-review-crumbs");
        status.setId("review-status");
        status.addClassName("gc-review-status");
        add(choices, new Div(crumbs, status));

        map = screens.create(new Texts(UI.getCurrent(), clock), "review-map", Optional.empty(), 4, 18);
        map.setSizeFull();
        choropleth = new ChoroplethPanel(map, areas);
        map.addFeatureClickListener(e -> {
            if (!e.isKnown() || !ChoroplethPanel.AREAS.equals(e.layerId()) || review == null) return;
            lineOf(Long.parseLong(e.featureId())).ifPresent(this::open);
        });

        table = new RankingPanel(picked -> {
            selected = picked.orElse(null);
            if (selected != null) map.highlight(ChoroplethPanel.AREAS, Long.toString(selected.row().areaId()));
            else map.clearHighlight();
            trend();
        }, this::open);
        chart = new TrendPanel(reviews);
        weights = new WeightsPanel(this::load);
        Div side = new Div(table, chart, weights);
        side.addClassName("gc-review-side");
        add(Frames.sideBySide(choropleth, side, 45));
    }

    // ------------------------------------------------------------------ what is shown

    /** Drills into an area: a township shows its communities, a community its cells; a cell is selected. */
    private void open(LeadersReview.Line line) {
        long id = line.row().areaId();
        switch (shownLevel) {
            case TOWNSHIP -> show(Level.COMMUNITY, id, id, line.row().name());
            case COMMUNITY -> show(Level.GRID_CELL, id, townshipId, townshipName);
            case GRID_CELL -> {
                selected = line;
                table.select(line);
                map.highlight(ChoroplethPanel.AREAS, Long.toString(id));
                trend();
            }
        }
    }

    private void show(Level newLevel, Long parent, Long township, String township_name) {
        shownLevel = newLevel;
        parentId = parent;
        townshipId = township;
        townshipName = township_name;
        selected = null;
        choropleth.fitNext();
        choices.showLevel(newLevel);
        load();
    }

    private void load() {
        if (choices.month() == null) return;
        status.setText("");
        // The weights as typed; the defaults when they do not make a score (empty, negative or all zero), said so.
        AreaReview.Weights w = weights.typed().orElseGet(() -> {
            status.setText(getTranslation("review.weightsInvalid"));
            return AreaReview.Weights.DEFAULT;
        });
        review = reviews.review(shownLevel, choices.month(), parentId, w);
        weights.showFormula(ReviewFiles.weights(review.weights()));
        if (selected != null) selected = lineOf(selected.row().areaId()).orElse(null);
        table.show(review.ranked(), shownLevel, review.weights());
        if (selected != null) table.select(selected);
        crumbs();
        paint();
        trend();
    }

    private Optional<LeadersReview.Line> lineOf(long areaId) {
        return review.lines().stream().filter(l -> l.row().areaId() == areaId).findFirst();
    }

    private void crumbs() {
        crumbs.removeAll();
        Button city = new Button(getTranslation("review.allAreas"), e -> show(Level.TOWNSHIP, null, null, null));
        city.setId("review-crumb-top");
        crumbs.add(city);
        if (townshipId != null) {
            Button township = new Button(townshipName, e -> show(Level.COMMUNITY, townshipId, townshipId, townshipName));
            township.setId("review-crumb-township");
            crumbs.add(new Span("›"), township);
        }
        if (shownLevel == Level.GRID_CELL && parentId != null) {
            Span community = new Span(review.parentName());
            community.setId("review-crumb-community");
            crumbs.add(new Span("›"), community);
        }
        crumbs.getChildren().filter(c -> c instanceof Button).forEach(c -> ((Button) c).addThemeVariants(ButtonVariant.SMALL, ButtonVariant.TERTIARY));
        crumbs.add(new Span(" · " + getTranslation("review.level." + shownLevel) + " " + review.lines().size()));
    }

    private void paint() {
        if (review != null) choropleth.paint(review, shownLevel, choices.measure(), selected);
    }

    /** Twelve months up to the chosen one, of the selected area or of all that is shown. */
    private void trend() {
        if (choices.month() == null) return;
        ReviewLevels.Trend trend = ReviewLevels.trend(shownLevel, selected == null ? null : selected.row().areaId(), townshipId, parentId);
        String title = switch (trend.of()) {
            case SELECTED -> selected.row().name();
            case TOWNSHIP -> townshipName;
            case COMMUNITY -> review.parentName();
            case ALL -> getTranslation("review.allAreas");
        };
        chart.show(trend, title, choices.month());
    }

    /** The rows as shown, best first (for tests). */
    List<LeadersReview.Line> shownLines() {
        return review == null ? List.of() : review.ranked();
    }

    Level shownLevel() {
        return shownLevel;
    }

    TrendChart chart() {
        return chart;
    }

    @Override
    protected void onAttach(AttachEvent event) {
        super.onAttach(event);
        choropleth.fitNext();
        // After every part (the map too) has been set up in the browser.
        event.getUI().beforeClientResponse(this, context -> {
            if (review == null) load();
            else paint();
        });
    }

    @Override
    public String getPageTitle() {
        return getTranslation("nav.review") + " · " + getTranslation("app.title");
    }
}
