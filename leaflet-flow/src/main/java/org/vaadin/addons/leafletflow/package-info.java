/**
 * A Leaflet map for Vaadin Flow, with no knowledge of the domain: layers of GeoJSON features with
 * style rules and legends, add/update/remove by id (only differences travel), canvas rendering and
 * clustering for many points, text-only popups and tooltips, view, click and layer events.
 * The client half is the {@code <leaflet-flow-map>} element in {@code META-INF/resources/leaflet-flow/ of this jar}.
 */
package org.vaadin.addons.leafletflow;
