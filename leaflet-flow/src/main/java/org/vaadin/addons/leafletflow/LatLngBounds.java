package org.vaadin.addons.leafletflow;

/**
 * A latitude/longitude box, built from its south-west and north-east corners. The corners are positions, not four
 * loose numbers, so west and south cannot be swapped unnoticed: {@code LatLngBounds.of(south, west, north, east)}
 * names its order, and a box whose south lies north of its north is refused.
 */
public record LatLngBounds(LatLng southWest, LatLng northEast) {

    public LatLngBounds {
        if (southWest == null || northEast == null) throw new IllegalArgumentException("a box needs both corners");
        if (southWest.lat() > northEast.lat()) {
            throw new IllegalArgumentException("south " + southWest.lat() + " lies north of north " + northEast.lat());
        }
        if (southWest.lng() > northEast.lng()) {
            throw new IllegalArgumentException("west " + southWest.lng() + " lies east of east " + northEast.lng());
        }
    }

    /** The box in Leaflet's own order: south, west, north, east. */
    public static LatLngBounds of(double south, double west, double north, double east) {
        return new LatLngBounds(new LatLng(south, west), new LatLng(north, east));
    }

    public double south() {
        return southWest.lat();
    }

    public double west() {
        return southWest.lng();
    }

    public double north() {
        return northEast.lat();
    }

    public double east() {
        return northEast.lng();
    }

    public LatLng centre() {
        return new LatLng((south() + north()) / 2, (west() + east()) / 2);
    }

    public boolean contains(LatLng p) {
        return p.lat() >= south() && p.lat() <= north() && p.lng() >= west() && p.lng() <= east();
    }
}
