package org.vaadin.addons.leafletflow;

/**
 * How a map starts.
 *
 * @param tileUrl            a raster tile template ({@code https://host/{z}/{x}/{y}.png}); null draws no tiles
 * @param layerControlTitle  the heading of the layer list
 */
public record MapOptions(LatLng center, int zoom, int minZoom, int maxZoom, String tileUrl, String tileAttribution,
                         String background, String layerControlTitle) {

    public static MapOptions centredOn(LatLng center, int zoom) {
        return new MapOptions(center, zoom, 3, 19, null, null, null, "Layers");
    }

    public MapOptions withZoomRange(int min, int max) {
        return new MapOptions(center, zoom, min, max, tileUrl, tileAttribution, background, layerControlTitle);
    }

    public MapOptions withTiles(String url, String attribution) {
        boolean none = url == null || url.isBlank();
        return new MapOptions(center, zoom, minZoom, maxZoom, none ? null : url, none ? null : attribution, background, layerControlTitle);
    }

    public MapOptions withBackground(String cssColour) {
        return new MapOptions(center, zoom, minZoom, maxZoom, tileUrl, tileAttribution, cssColour, layerControlTitle);
    }

    public MapOptions withLayerControlTitle(String title) {
        return new MapOptions(center, zoom, minZoom, maxZoom, tileUrl, tileAttribution, background, title);
    }
}
