package com.gridcommand.casework;

import java.time.LocalDate;
import java.util.Collection;
import java.util.Set;

/**
 * What the case list shows: every field optional (null or empty: no filter).
 *
 * @param areaCode a township, community or grid cell code: cases in that area
 * @param ids      cases picked on the map (by a drawn shape)
 * @param text     part of the code, title or description
 */
public record CaseFilter(Set<CaseStep> steps, Set<String> categories, String areaCode, boolean overdueOnly, String light,
                         LocalDate reportedFrom, LocalDate reportedTo, String text, Collection<Long> ids, Sort sort, boolean descending) {

    public enum Sort { REPORTED, DEADLINE, SEVERITY, STEP, CODE }

    public static CaseFilter none() {
        return new CaseFilter(Set.of(), Set.of(), null, false, null, null, null, null, null, Sort.REPORTED, true);
    }

    public CaseFilter withIds(Collection<Long> picked) {
        return new CaseFilter(steps, categories, areaCode, overdueOnly, light, reportedFrom, reportedTo, text, picked, sort, descending);
    }

    public CaseFilter withSort(Sort s, boolean desc) {
        return new CaseFilter(steps, categories, areaCode, overdueOnly, light, reportedFrom, reportedTo, text, ids, s, desc);
    }
}
