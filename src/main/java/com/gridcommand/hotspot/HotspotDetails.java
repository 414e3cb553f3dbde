package com.gridcommand.hotspot;

import java.time.LocalDate;
import java.util.List;

/** A hotspot as the map describes it. */
public record HotspotDetails(long id, String code, String name, String status, LocalDate listedOn, LocalDate delistedOn,
                             String responsibleUnit, String measures, List<String> focus, String township, double areaKm2) {
}
