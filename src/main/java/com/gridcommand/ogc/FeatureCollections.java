package com.gridcommand.ogc;

import com.gridcommand.area.AreaLevel;
import com.gridcommand.area.AreaService;
import com.gridcommand.casework.CaseService;
import com.gridcommand.dispatch.ResponderService;
import com.gridcommand.geo.FeatureExtent;
import com.gridcommand.geo.FeaturePage;
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
import java.util.function.Supplier;

/**
 * The collections served, each read through its module's service (so the caller's scope applies), paged by
 * the database. Roads are the exception the command map makes too: the network is every signed-in user's basemap.
 */
@Component
class FeatureCollections {

    record Collection(String id, String title, String description, Function<FeaturePage.Request, FeaturePage> items,
                      Supplier<FeatureExtent> extent) {}

    private final Map<String, Collection> collections = new LinkedHashMap<>();

    FeatureCollections(AreaService areas, RoadService roads, PatrolService patrols, HotspotService hotspots,
                       PreventionService prevention, ResponderService responders, CaseService cases) {
        for (AreaLevel level : AreaLevel.values()) {
            String id = switch (level) {
                case TOWNSHIP -> "townships";
                case COMMUNITY -> "communities";
                case GRID_CELL -> "grid_cells";
            };
            String[] text = switch (level) {
                case TOWNSHIP -> new String[]{"乡镇/街道 Townships", "Townships and street offices"};
                case COMMUNITY -> new String[]{"村/社区 Communities", "Villages and urban communities"};
                case GRID_CELL -> new String[]{"网格 Grid cells", "Grid cells, tiling their communities"};
            };
            add(id, text[0], text[1], r -> areas.page(level, r), () -> areas.extent(level));
        }
        add("roads", "道路 Roads", "Road segments, junction to junction: the basemap, the whole network for every signed-in user",
                roads::page, roads::extent);
        add("patrol_routes", "巡防路线 Patrol routes", "Planned patrol routes", patrols::page, patrols::extent);
        add("hotspots", "治安重点地区 Hotspots", "The hotspot register", hotspots::page, hotspots::extent);
        add("key_places", "重点部位 Key places", "Schools, hospitals, homes, markets", prevention::keyPlacesPage, prevention::keyPlacesExtent);
        add("cameras", "视频监控 Cameras", "Video cameras", prevention::camerasPage, prevention::camerasExtent);
        add("responders", "处置力量 Responders", "Responders at their last position (the temporal extent: when those positions were taken)",
                responders::page, responders::extent);
        add("open_cases", "在办案件 Open cases", "Cases not yet closed (the temporal extent: when they were reported)",
                cases::openPage, cases::openExtent);
    }

    private void add(String id, String title, String description, Function<FeaturePage.Request, FeaturePage> items, Supplier<FeatureExtent> extent) {
        collections.put(id, new Collection(id, title, description, items, extent));
    }

    List<Collection> all() {
        return List.copyOf(collections.values());
    }

    Optional<Collection> get(String id) {
        return Optional.ofNullable(collections.get(id));
    }
}
