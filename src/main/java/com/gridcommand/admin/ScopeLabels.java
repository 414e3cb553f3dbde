package com.gridcommand.admin;

import com.gridcommand.area.AreaLevel;
import com.gridcommand.area.AreaService;
import com.gridcommand.area.AreaSummary;
import com.gridcommand.security.AccessScope;
import com.gridcommand.security.ScopeKind;
import com.vaadin.flow.component.Component;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Area codes as names people recognise. */
final class ScopeLabels {

    private final Map<String, String> names = new HashMap<>();

    ScopeLabels(AreaService areas) {
        for (AreaLevel level : AreaLevel.values()) {
            for (AreaSummary a : areas.list(level)) names.put(a.code(), a.name());
        }
    }

    String describe(Component c, AccessScope scope) {
        if (scope.isCity()) return c.getTranslation("scope.CITY");
        return c.getTranslation("scope." + scope.kind()) + "：" + scope.codes().stream().map(code -> names.getOrDefault(code, code))
                .collect(Collectors.joining("、"));
    }

    static AreaLevel level(ScopeKind kind) {
        return switch (kind) {
            case TOWNSHIP -> AreaLevel.TOWNSHIP;
            case COMMUNITY -> AreaLevel.COMMUNITY;
            case CELLS -> AreaLevel.GRID_CELL;
            case CITY -> null;
        };
    }

    static List<ScopeKind> kinds() {
        return List.of(ScopeKind.values());
    }
}
