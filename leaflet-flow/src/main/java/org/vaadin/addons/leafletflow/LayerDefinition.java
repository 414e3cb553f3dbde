package org.vaadin.addons.leafletflow;

import java.util.ArrayList;
import java.util.List;

/**
 * How a layer looks and behaves.
 *
 * @param order        drawing order: higher is on top
 * @param cluster      group nearby points into counted clusters; null for none
 * @param minZoom      shown from this zoom (null: always)
 * @param tooltip      the property shown on hover, as text
 * @param zoomHint     shown in the layer list while the zoom is out of range
 * @param inControl    listed in the layer list
 * @param labels       the tooltip stays shown beside each feature (e.g. travel times), moved aside where labels meet
 * @param text         points are drawn as their tooltip's text only (place names), never clickable; where two
 *                     meet, the one with the higher {@code rank} property (or of the higher layer) is shown
 * <p>All layers of a map are drawn on one canvas, in order, so a click reaches the topmost feature under it.
 */
public record LayerDefinition(String id, String title, int order, Cluster cluster, Integer minZoom,
                              Integer maxZoom, Style style, List<StyleRule> rules, String tooltip, List<LegendEntry> legend,
                              boolean visible, boolean interactive, String zoomHint, boolean inControl, boolean labels, boolean text) {

    /**
     * @param disableAtZoom from this zoom on every point is drawn on its own
     * @param colorBy       a numeric property: a cluster takes the colour of its member with the highest value (null:
     *                      one colour for all clusters)
     */
    public record Cluster(int radius, int disableAtZoom, String colorBy) {}

    public static Builder layer(String id, String title) {
        return new Builder(id, title);
    }

    public static final class Builder {
        private final String id;
        private final String title;
        private int order;
        private Cluster cluster;
        private Integer minZoom, maxZoom;
        private Style style;
        private final List<StyleRule> rules = new ArrayList<>();
        private String tooltip;
        private final List<LegendEntry> legend = new ArrayList<>();
        private boolean visible = true;
        private boolean interactive = true;
        private String zoomHint;
        private boolean inControl = true;
        private boolean labels;
        private boolean text;

        private Builder(String id, String title) {
            if (id == null || !id.matches("[A-Za-z][A-Za-z0-9_-]*")) throw new IllegalArgumentException("layer id must be a simple name: " + id);
            this.id = id;
            this.title = title;
        }

        public Builder order(int order) { this.order = order; return this; }
        public Builder cluster(int radius, int disableAtZoom) { this.cluster = new Cluster(radius, disableAtZoom, null); return this; }
        /** Clusters coloured by their most pressing member: the highest value of {@code property}. */
        public Builder cluster(int radius, int disableAtZoom, String colorBy) { this.cluster = new Cluster(radius, disableAtZoom, colorBy); return this; }
        public Builder zoomRange(Integer min, Integer max) { this.minZoom = min; this.maxZoom = max; return this; }
        public Builder style(Style style) { this.style = style; return this; }
        public Builder rule(StyleRule rule) { this.rules.add(rule); return this; }
        public Builder tooltip(String property) { this.tooltip = property; return this; }
        public Builder legend(String label, Style style, LegendEntry.Shape shape) { legend.add(new LegendEntry(label, style, shape)); return this; }
        public Builder hidden() { this.visible = false; return this; }
        public Builder notInteractive() { this.interactive = false; return this; }
        public Builder zoomHint(String hint) { this.zoomHint = hint; return this; }
        public Builder notInControl() { this.inControl = false; return this; }
        /** The tooltip text stays shown beside each feature, as a label (e.g. travel times). */
        public Builder labels() { this.labels = true; return this; }
        /** Points are place names: drawn as the tooltip property's text, decluttered by their {@code rank} property. */
        public Builder text() { this.text = true; this.interactive = false; return this; }

        public LayerDefinition build() {
            return new LayerDefinition(id, title, order, cluster, minZoom, maxZoom, style, List.copyOf(rules), tooltip,
                    List.copyOf(legend), visible, interactive, zoomHint, inControl, labels, text);
        }
    }

    LayerDefinition withVisible(boolean v) {
        return new LayerDefinition(id, title, order, cluster, minZoom, maxZoom, style, rules, tooltip, legend, v,
                interactive, zoomHint, inControl, labels, text);
    }

    /** Whether the layer shows at a zoom, ignoring the user's switch. */
    public boolean coversZoom(int zoom) {
        return (minZoom == null || zoom >= minZoom) && (maxZoom == null || zoom <= maxZoom);
    }
}
