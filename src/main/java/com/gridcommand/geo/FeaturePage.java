package com.gridcommand.geo;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One page of a layer for a GIS client: features in id order, at full detail, and how many match in all.
 * Pages are cut by the database (ORDER BY id LIMIT/OFFSET), so a page costs its own rows and a count.
 */
public record FeaturePage(List<GeoFeature> features, long numberMatched) {

    /**
     * What a client asks for: the features whose geometry intersects the box, {@code limit} of them from
     * {@code offset} on in id order; with an {@code id}, only that feature. The module's query adds its scope.
     */
    public record Request(Bbox bbox, int limit, long offset, Long id) {

        public static final Bbox WORLD = new Bbox(-180, -90, 180, 90);

        public Request {
            if (bbox == null) throw new IllegalArgumentException("a page needs a box");
            if (limit < 1) throw new IllegalArgumentException("limit must be at least 1, got " + limit);
            if (offset < 0) throw new IllegalArgumentException("offset must not be negative, got " + offset);
        }

        /** The one feature with this id, wherever it lies. */
        public static Request one(long id) {
            return new Request(WORLD, 1, 0, id);
        }

        /** The condition on a row's geometry and id; its parameters are {@link #params()}. */
        public String where(String geometry, String id) {
            return "ST_Intersects(" + geometry + ", ST_MakeEnvelope(:pageW, :pageS, :pageE, :pageN, 4326))"
                    + (this.id == null ? "" : " and " + id + " = :pageId");
        }

        /** The order, limit and offset that cut the page: after {@link #where}, with the same parameters. */
        public String cut(String id) {
            return " order by " + id + " limit :pageLimit offset :pageOffset";
        }

        public Map<String, Object> params() {
            Map<String, Object> p = new HashMap<>();
            p.put("pageW", bbox.west());
            p.put("pageS", bbox.south());
            p.put("pageE", bbox.east());
            p.put("pageN", bbox.north());
            p.put("pageLimit", limit);
            p.put("pageOffset", offset);
            if (id != null) p.put("pageId", id);
            return p;
        }

        /**
         * The number matched when the page itself shows it (a first page that is not full), so the count
         * query is needed only when there may be more.
         */
        public Long matchedFrom(int returned) {
            return offset == 0 && returned < limit ? Long.valueOf(returned) : null;
        }
    }
}
