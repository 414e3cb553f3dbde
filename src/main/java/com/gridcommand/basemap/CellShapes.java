package com.gridcommand.basemap;

import com.gridcommand.area.AreaLevel;
import com.gridcommand.area.AreaService;
import com.gridcommand.geo.GeoFeature;
import com.gridcommand.geo.Viewport;

import java.util.HashMap;
import java.util.Map;

/** The outlines of the user's grid cells by id, at street zoom, for layers that colour cells by a result. */
public final class CellShapes {

    private CellShapes() {
    }

    public static Map<String, String> of(AreaService areas) {
        Map<String, String> shapes = new HashMap<>();
        areas.extentInScope().ifPresent(b -> {
            for (GeoFeature f : areas.inView(AreaLevel.GRID_CELL, new Viewport(b, 14))) shapes.put(f.id(), f.geometry());
        });
        return shapes;
    }
}
