package org.vaadin.addons.leafletflow;

import com.vaadin.browserless.BrowserlessTest;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.dependency.JavaScript;
import com.vaadin.flow.component.dependency.StyleSheet;
import com.vaadin.flow.component.internal.PendingJavaScriptInvocation;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The Java half without a browser: what the component refuses, and what it sends to the element (the calls a UI
 * holds for the browser's next round trip) when layers and features change.
 */
class LeafletMapApiTest extends BrowserlessTest {

    private static final LatLng CENTRE = new LatLng(29.1, 121.0);

    @Test
    void a_box_is_built_from_its_corners_and_refuses_swapped_axes() {
        LatLngBounds box = LatLngBounds.of(29.0, 120.9, 29.2, 121.1);
        assertThat(box.southWest()).isEqualTo(new LatLng(29.0, 120.9));
        assertThat(box.northEast()).isEqualTo(new LatLng(29.2, 121.1));
        assertThat(box.west()).isEqualTo(120.9);
        assertThat(box.north()).isEqualTo(29.2);
        assertThat(box.contains(CENTRE)).isTrue();
        assertThat(box.contains(new LatLng(29.1, 122))).isFalse();
        // west and south given in the wrong places: longitude 120.9 is no latitude, and 29.0 lies west of 121.1
        assertThatThrownBy(() -> LatLngBounds.of(120.9, 29.0, 121.1, 29.2)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LatLngBounds.of(29.2, 120.9, 29.0, 121.1)).hasMessageContaining("lies north of north");
        assertThatThrownBy(() -> LatLngBounds.of(29.0, 121.1, 29.2, 120.9)).hasMessageContaining("lies east of east");
        assertThatThrownBy(() -> new LatLng(91, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_layer_id_must_be_a_simple_name_and_unique_on_its_map() {
        assertThatThrownBy(() -> LayerDefinition.layer("bad id", "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LayerDefinition.layer("<b>", "x")).isInstanceOf(IllegalArgumentException.class);
        LeafletMap map = new LeafletMap(MapOptions.centredOn(CENTRE, 12));
        map.addLayer(LayerDefinition.layer("places", "Places").build());
        assertThatThrownBy(() -> map.addLayer(LayerDefinition.layer("places", "Again").build()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void features_travel_as_differences_by_id() {
        UI ui = UI.getCurrent();
        LeafletMap map = new LeafletMap(MapOptions.centredOn(CENTRE, 12));
        ui.add(map);
        assertThat(sent(ui)).extracting(Call::function).containsExactly("init");

        FeatureLayer places = map.addLayer(LayerDefinition.layer("places", "Places").style(Style.point("#2563eb", 6)).build());
        places.setFeatures(List.of(point("a", 121.0), point("b", 121.01)));
        List<Call> calls = sent(ui);
        assertThat(calls).extracting(Call::function).containsExactly("addLayer", "applyDiff");
        assertThat(calls.get(1).arguments()[1]).asString().contains("\"id\":\"a\"").contains("\"id\":\"b\"");

        // the same features again: nothing to send
        places.setFeatures(List.of(point("a", 121.0), point("b", 121.01)));
        assertThat(sent(ui)).isEmpty();

        // b moved, a went away, c is new: only b and c travel, and the id a
        places.setFeatures(List.of(point("b", 121.02), point("c", 121.03)));
        calls = sent(ui);
        assertThat(calls).hasSize(1);
        assertThat(calls.getFirst().arguments()[1]).asString().contains("\"id\":\"b\"").contains("121.02").contains("\"id\":\"c\"")
                .doesNotContain("\"id\":\"a\"");
        assertThat(calls.getFirst().arguments()[2]).asString().isEqualTo("[\"a\"]");
        assertThat(places.features()).containsOnlyKeys("b", "c");

        // reattached to a fresh page: the element is told everything again
        ui.remove(map);
        ui.add(map);
        assertThat(sent(ui)).extracting(Call::function).containsExactly("init", "addLayer", "setFeatures");
    }

    @Test
    void equal_features_on_two_maps_are_one_instance_whose_properties_keep_their_order_and_cannot_change() {
        UI ui = UI.getCurrent();
        LeafletMap first = new LeafletMap(MapOptions.centredOn(CENTRE, 12));
        LeafletMap second = new LeafletMap(MapOptions.centredOn(CENTRE, 12));
        ui.add(first, second);
        FeatureLayer a = first.addLayer(LayerDefinition.layer("cells", "Cells").build());
        FeatureLayer b = second.addLayer(LayerDefinition.layer("cells", "Cells").build());
        a.setFeatures(List.of(cell("c1", "甲")));
        b.setFeatures(List.of(cell("c1", "甲")));
        assertThat(b.features().get("c1")).isSameAs(a.features().get("c1"));
        // a different value is a different feature, and both maps still send it
        a.setFeatures(List.of(cell("c1", "乙")));
        assertThat(a.features().get("c1")).isNotSameAs(b.features().get("c1"));
        assertThat(a.features().get("c1").properties()).containsEntry("tip", "乙");
        assertThat(sent(ui)).extracting(Call::function).filteredOn("applyDiff"::equals).hasSize(3);

        Map<String, Object> given = new java.util.LinkedHashMap<>();
        given.put("zone", "A");
        given.put("alpha", 2);
        given.put("none", null);
        Feature f = new Feature("x", null, given);
        given.put("later", true);
        assertThat(f.properties()).containsExactly(Map.entry("zone", "A"), Map.entry("alpha", 2), new java.util.AbstractMap.SimpleEntry<>("none", null));
        assertThat(f.properties()).isEqualTo(java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(f.properties())));
        assertThat(f.properties().hashCode()).isEqualTo(new java.util.HashMap<>(f.properties()).hashCode());
        assertThat(Json.feature(f)).contains("\"properties\":{\"zone\":\"A\",\"alpha\":2,\"none\":null}");
        assertThatThrownBy(() -> f.properties().put("zone", "B")).isInstanceOf(UnsupportedOperationException.class);
        assertThat(new Feature("y", null, null).properties()).isEmpty();
    }

    @Test
    void after_a_large_load_the_browser_is_asked_once_to_confirm_receipt() {
        UI ui = UI.getCurrent();
        LeafletMap map = new LeafletMap(MapOptions.centredOn(CENTRE, 12));
        ui.add(map);
        FeatureLayer cells = map.addLayer(LayerDefinition.layer("cells", "Cells").build());
        sent(ui);
        // a small change: no question
        cells.setFeatures(List.of(cell("c0", "甲")));
        assertThat(sent(ui)).extracting(Call::function).containsExactly("applyDiff");
        // a large load (the first view of a city): one question, after the features
        cells.setFeatures(cells(0, 400, "甲"));
        assertThat(sent(ui)).extracting(Call::function).containsExactly("applyDiff", "confirmReceipt");
        // more before the answer came: the answer will follow this too
        cells.setFeatures(cells(0, 400, "乙"));
        assertThat(sent(ui)).extracting(Call::function).containsExactly("applyDiff");
        received(map);
        cells.setFeatures(cells(0, 400, "丙"));
        assertThat(sent(ui)).extracting(Call::function).containsExactly("applyDiff", "confirmReceipt");
        // a new page is sent everything and asked again, whether or not the old one answered
        ui.remove(map);
        ui.add(map);
        assertThat(sent(ui)).extracting(Call::function).containsExactly("init", "addLayer", "setFeatures", "confirmReceipt");
    }

    static Feature cell(String id, String tip) {
        return new Feature(id, new String("{\"type\":\"Polygon\",\"coordinates\":[[[121.0,29.1],[121.01,29.1],[121.01,29.11],[121.0,29.1]]]}"),
                Map.of("tip", tip, "band", 2));
    }

    static List<Feature> cells(int from, int to, String tip) {
        return java.util.stream.IntStream.range(from, to).mapToObj(i -> cell("c" + i, tip)).toList();
    }

    /** The element's answer to confirmReceipt, as the browser sends it. */
    static void received(LeafletMap map) {
        map.getElement().getNode().getFeature(com.vaadin.flow.internal.nodefeature.ElementListenerMap.class)
                .fireEvent(new com.vaadin.flow.dom.DomEvent(map.getElement(), "lf-received", com.vaadin.flow.internal.JacksonUtils.createObjectNode()));
    }

    @Test
    void fit_bounds_sends_south_west_north_east_in_leaflets_order() {
        UI ui = UI.getCurrent();
        LeafletMap map = new LeafletMap(MapOptions.centredOn(CENTRE, 12));
        ui.add(map);
        sent(ui);
        map.fitBounds(LatLngBounds.of(29.0, 120.9, 29.2, 121.1), 15);
        assertThat(sent(ui).getFirst().arguments()).containsExactly(29.0, 120.9, 29.2, 121.1, 15);
    }

    @Test
    void the_view_from_the_browser_stays_on_the_globe() {
        LeafletMap map = new LeafletMap(MapOptions.centredOn(CENTRE, 2));
        // zoomed far out, Leaflet reports longitudes past the antimeridian
        MapView view = new LeafletMap.MoveEvent(map, true, -250, -95, 250, 95, 1.6, 800, 600).view();
        assertThat(view.bounds()).isEqualTo(LatLngBounds.of(-90, -180, 90, 180));
        assertThat(view.zoom()).isEqualTo(2);
        assertThat(view.width()).isEqualTo(800);
    }

    @Test
    void the_scripts_it_loads_are_in_its_jar_and_its_webjars() {
        List<String> paths = new java.util.ArrayList<>();
        Arrays.stream(LeafletMap.class.getAnnotationsByType(JavaScript.class)).map(JavaScript::value).forEach(paths::add);
        Arrays.stream(LeafletMap.class.getAnnotationsByType(StyleSheet.class)).map(StyleSheet::value).forEach(paths::add);
        assertThat(paths).hasSize(7);
        for (String path : paths) {
            assertThat(path).startsWith("context://");
            String resource = "META-INF/resources/" + path.substring("context://".length());
            assertThat(LeafletMap.class.getClassLoader().getResource(resource)).as(resource).isNotNull();
        }
        // the versions in the paths are the webjars' the pom names
        assertThat(paths).anyMatch(p -> p.contains("/leaflet/" + System.getProperty("leaflet.version", "?") + "/"));
        assertThat(paths).anyMatch(p -> p.contains("/leaflet-markercluster/" + System.getProperty("leaflet-markercluster.version", "?") + "/"));
    }

    static Feature point(String id, double lng) {
        return new Feature(id, "{\"type\":\"Point\",\"coordinates\":[" + lng + ",29.1]}", Map.of("name", "place " + id));
    }

    record Call(String function, Object[] arguments) {}

    /** The element calls the UI holds for the browser, emptied as a round trip would. */
    static List<Call> sent(UI ui) {
        ui.getInternals().getStateTree().runExecutionsBeforeClientResponse();
        return ui.getInternals().dumpPendingJavaScriptInvocations().stream().map(LeafletMapApiTest::call).toList();
    }

    private static Call call(PendingJavaScriptInvocation invocation) {
        String expression = invocation.getInvocation().getExpression();
        // Element.callJsFunction(name, args...) becomes "return $0.name($1,$2,...)" with the element first.
        String function = expression.replaceFirst("^.*\\$0\\.([A-Za-z]+)\\(.*$", "$1");
        List<Object> parameters = invocation.getInvocation().getParameters();
        return new Call(function, parameters.subList(1, parameters.size()).stream().map(LeafletMapApiTest::plain).toArray());
    }

    private static Object plain(Object value) {
        if (value instanceof tools.jackson.databind.JsonNode node) {
            if (node.isString()) return node.asString();
            if (node.isInt()) return node.asInt();
            if (node.isNumber()) return node.asDouble();
            if (node.isBoolean()) return node.asBoolean();
            return node.toString();
        }
        return value;
    }
}
