package com.gridcommand.area;

/** An area for choosing from a list: its level, id, statistical code and name. */
public record AreaSummary(AreaLevel level, long id, String code, String name) {
}
