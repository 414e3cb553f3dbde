package com.gridcommand.gisdata;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/** What a load stored: features per layer, the layers without a file, notes worth reading, and how long it took. */
public record LoadReport(Map<String, Integer> stored, List<String> missingOptional, List<String> notes, Duration took) {
}
