package com.gridcommand.ogc;

import com.gridcommand.area.AreaLevel;
import com.gridcommand.area.AreaService;
import com.gridcommand.casework.CaseService;
import com.gridcommand.dispatch.ResponderService;
import com.gridcommand.geo.GeoFeature;
import com.gridcommand.geo.Viewport;
import com.gridcommand.hotspot.HotspotService;
import com.gridcommand.patrol.PatrolService;
import com.gridcommand.prevention.PreventionService;
import com.gridcommand.road.RoadService;
import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** The collections served, each read through its module's service (so the caller's scope applies). */
@Component
class FeatureCollections {

    record Collection(String id, String title, String description, Function<Viewport, List<GeoFeature>> items) {}

    private final Map<String, Collection> collections = new LinkedHashMap<>();

    FeatureCollections(AreaService areas, RoadService roads, PatrolService patrols, HotspotService hotspots,
                       PreventionService prevention, ResponderService responders, CaseService cases) {
        add("townships", "乡镇/街道 Townships", "Townships and street offices", v -> areas.inView(AreaLevel.TOWNSHIP, v));
        add("communities", "村/社区 Communities", "Villages and urban communities", v -> areas.inView(AreaLevel.COMMUNITY, v));
        add("grid_cells", "网格 Grid cells", "Grid cells, tiling their communities", v -> areas.inView(AreaLevel.GRID_CELL, v));
        add("roads", "道路 Roads", "Road segments, junction to junction", roads::inView);
        add("patrol_routes", "巡防路线 Patrol routes", "Planned patrol routes", patrols::inView);
        add("hotspots", "治安重点地区 Hotspots", "The hotspot register", hotspots::inView);
        add("key_places", "重点部位 Key places", "Schools, hospitals, homes, markets", prevention::keyPlacesInView);
        add("cameras", "视频监控 Cameras", "Video cameras", prevention::camerasInView);
        add("responders", "处置力量 Responders", "Responders at their last position", responders::inView);
        add("open_cases", "在办案件 Open cases", "Cases not yet closed", cases::openInView);
    }

    private void add(String id, String title, String description, Function<Viewport, List<GeoFeature>> items) {
        collections.put(id, new Collection(id, title, description, items));
    }

    List<Collection> all() {
        return List.copyOf(collections.values());
    }

    Optional<Collection> get(String id) {
        return Optional.ofNullable(collections.get(id));
    }
}
