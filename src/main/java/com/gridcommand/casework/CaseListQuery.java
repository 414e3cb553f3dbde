package com.gridcommand.casework;

import java.time.LocalDate;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * What the case list's filter bar says, as a {@link CaseFilter}: no step or category chosen means all, the light
 * "" (or none) means any, no area means all the user's areas.
 */
public record CaseListQuery(Set<CaseStep> steps, Set<String> categories, String areaCode, boolean overdue, String light,
                            LocalDate from, LocalDate to, String text) {

    /** The light filter's choices, "" for any. */
    public static final List<String> LIGHTS = List.of("", "GREEN", "YELLOW", "RED");

    /** The filter for the list and the map: these values, the cases picked on the map (null: no pick), the order. */
    public CaseFilter filter(Collection<Long> picked, CaseOrder order) {
        Set<CaseStep> chosenSteps = steps.isEmpty() ? Set.of() : EnumSet.copyOf(steps);
        return new CaseFilter(chosenSteps, Set.copyOf(categories), areaCode, overdue,
                light == null || light.isEmpty() ? null : light, from, to, text, picked, order.sort(), order.descending());
    }
}
