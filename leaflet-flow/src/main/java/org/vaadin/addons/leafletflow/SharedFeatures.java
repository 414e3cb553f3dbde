package org.vaadin.addons.leafletflow;

import java.lang.ref.WeakReference;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * One instance of each distinct feature for the whole JVM while any layer holds it. Every open map keeps the features
 * its browser holds (to send only differences), and maps of the same area hold equal features: the same cell, road or
 * case with the same properties. Held once, each further map pays only its own id-to-feature entry. A feature no layer
 * holds any more is let go by the garbage collector.
 */
final class SharedFeatures {

    private static final Map<Feature, WeakReference<Feature>> HELD = new WeakHashMap<>();

    private SharedFeatures() {
    }

    /** The instance equal to {@code feature} that is already held, or {@code feature} itself, now held. */
    static Feature of(Feature feature) {
        synchronized (HELD) {
            WeakReference<Feature> ref = HELD.get(feature);
            Feature held = ref == null ? null : ref.get();
            if (held != null) return held;
            HELD.put(feature, new WeakReference<>(feature));
            return feature;
        }
    }
}
