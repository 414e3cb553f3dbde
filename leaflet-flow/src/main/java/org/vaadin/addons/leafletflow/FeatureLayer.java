package org.vaadin.addons.leafletflow;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A layer on a {@link LeafletMap}. It remembers what the browser holds, so replacing the features
 * sends only the difference: new and changed features, and the ids of those that went away. What the
 * browser holds is known from the features themselves (a feature equal to the one sent is not sent again);
 * their JSON is made only to be sent, not kept: every open map holds its layers, so a second copy of each
 * feature as text would be paid per dashboard. For the same reason the features themselves are shared by every
 * layer that holds an equal one ({@link SharedFeatures}): a map adds only its own id-to-feature entries.
 */
public final class FeatureLayer {

    private final LeafletMap map;
    private LayerDefinition definition;
    /** id -> the feature the browser holds for it. */
    private final Map<String, Feature> features = new LinkedHashMap<>();

    FeatureLayer(LeafletMap map, LayerDefinition definition) {
        this.map = map;
        this.definition = definition;
    }

    public String id() {
        return definition.id();
    }

    public LayerDefinition definition() {
        return definition;
    }

    /** The features the layer holds now. */
    public Map<String, Feature> features() {
        return Collections.unmodifiableMap(features);
    }

    public boolean isVisible() {
        return definition.visible();
    }

    public void setVisible(boolean visible) {
        if (visible == definition.visible()) return;
        definition = definition.withVisible(visible);
        map.call("setLayerVisible", id(), visible);
    }

    /** Called when the user switches the layer in the browser: no need to tell the browser back. */
    void visibleFromClient(boolean visible) {
        definition = definition.withVisible(visible);
    }

    /** Makes the layer hold exactly these features; sends only what differs from what the browser has. */
    public void setFeatures(Collection<Feature> newFeatures) {
        Map<String, Feature> incoming = new LinkedHashMap<>();
        for (Feature f : newFeatures) incoming.put(f.id(), f);
        List<String> removals = new ArrayList<>();
        for (String id : features.keySet()) if (!incoming.containsKey(id)) removals.add(id);
        apply(incoming.values(), removals);
    }

    /** Adds features, or replaces those with the same id. */
    public void upsert(Collection<Feature> changed) {
        apply(changed, List.of());
    }

    public void remove(Collection<String> ids) {
        apply(List.of(), ids.stream().filter(features::containsKey).toList());
    }

    public void clear() {
        remove(new ArrayList<>(features.keySet()));
    }

    private void apply(Collection<Feature> upserts, Collection<String> removals) {
        List<String> changedJson = new ArrayList<>();
        for (Feature f : upserts) {
            Feature shared = SharedFeatures.of(f);
            Feature held = features.put(shared.id(), shared);
            // Both are the one shared instance of their value, so equal features are the same object.
            if (shared != held) changedJson.add(Json.feature(shared));
        }
        for (String id : removals) features.remove(id);
        if (changedJson.isEmpty() && removals.isEmpty()) return;
        String json = Json.array(changedJson);
        map.call("applyDiff", id(), json, Json.strings(removals));
        map.sentFeatures(json.length());
    }

    /** Everything again, for a browser that lost its state (reattach). */
    void resend() {
        map.call("addLayer", Json.layer(definition));
        String all = Json.array(features.values().stream().map(Json::feature).toList());
        map.call("setFeatures", id(), all);
        map.sentFeatures(all.length());
    }
}
