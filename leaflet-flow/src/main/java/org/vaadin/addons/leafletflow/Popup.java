package org.vaadin.addons.leafletflow;

import java.util.ArrayList;
import java.util.List;

/** A popup of a title, label/value rows and a paragraph; every part is shown as plain text. */
public record Popup(LatLng at, String title, List<List<String>> rows, String text) {

    public static Builder at(LatLng at, String title) {
        return new Builder(at, title);
    }

    public static final class Builder {
        private final LatLng at;
        private final String title;
        private final List<List<String>> rows = new ArrayList<>();
        private String text;

        private Builder(LatLng at, String title) {
            this.at = at;
            this.title = title;
        }

        /** Adds a row unless the value is null or blank. */
        public Builder row(String label, Object value) {
            if (value != null && !String.valueOf(value).isBlank()) rows.add(List.of(label, String.valueOf(value)));
            return this;
        }

        public Builder text(String paragraph) {
            this.text = paragraph;
            return this;
        }

        public Popup build() {
            return new Popup(at, title, List.copyOf(rows), text);
        }
    }
}
