package com.gridcommand.hotspot.ui;

import com.gridcommand.hotspot.HotspotTrends;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.html.Span;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The trends part of the register: each hotspot's trend (a badge with the months and the Mann-Kendall z), its
 * cases before and after listing, and the same in the details and the map tip. Holds the trends as last loaded.
 */
final class TrendTexts {

    private final Component texts;
    private Map<Long, HotspotTrends.HotspotTrend> byId = new HashMap<>();

    /** {@code texts} translates (the panel the trends are shown in). */
    TrendTexts(Component texts) {
        this.texts = texts;
    }

    void load(List<HotspotTrends.HotspotTrend> trends) {
        byId = new HashMap<>();
        for (HotspotTrends.HotspotTrend t : trends) byId.put(t.id(), t);
    }

    /** The trend column's cell: the trend, coloured by its class, the months and z on hover; a dash without one. */
    Span badge(long id) {
        HotspotTrends.HotspotTrend t = byId.get(id);
        Span s = new Span(t == null ? "—" : texts.getTranslation("hotspots.trend." + t.trend()));
        if (t != null) {
            s.addClassName("gc-trend-" + t.trend().name().toLowerCase(Locale.ROOT));
            s.setTitle(texts.getTranslation("hotspots.trend.months", join(t.months()), String.format(Locale.ROOT, "%.2f", t.mannKendallZ())));
        }
        return s;
    }

    /** Cases before and after listing and the change, or a dash. */
    String beforeAfter(long id) {
        return beforeAfter(byId.get(id));
    }

    /** The details' line: trend, months and before/after; none without a trend. */
    Optional<String> summary(long id) {
        HotspotTrends.HotspotTrend t = byId.get(id);
        if (t == null) return Optional.empty();
        return Optional.of(texts.getTranslation("hotspots.col.trend") + "：" + texts.getTranslation("hotspots.trend." + t.trend())
                + "（" + join(t.months()) + "）· " + beforeAfter(t));
    }

    /** What the map tip adds after the status: " · " and the trend, or nothing. */
    String tipSuffix(long id) {
        HotspotTrends.HotspotTrend t = byId.get(id);
        return t == null ? "" : " · " + texts.getTranslation("hotspots.trend." + t.trend());
    }

    private String beforeAfter(HotspotTrends.HotspotTrend t) {
        if (t == null || t.listedOn() == null) return "—";
        Double change = t.change();
        return texts.getTranslation("hotspots.beforeAfter", t.before(), t.after(), t.days(),
                change == null ? "—" : String.format(Locale.ROOT, "%+.0f%%", 100 * change));
    }

    private static String join(int[] months) {
        StringBuilder b = new StringBuilder();
        for (int m : months) b.append(b.isEmpty() ? "" : ", ").append(m);
        return b.toString();
    }
}
