package com.gridcommand.casework;

import com.gridcommand.base.i18n.Formats;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A case as registered at intake. The point (WGS 84) decides the grid cell, community and township;
 * category and severity decide the responsible unit and the deadline.
 *
 * @param parties  who is involved: name and role (APPLICANT, RESPONDENT, REPORTER, OTHER)
 */
public record NewCase(double lon, double lat, String title, String description, String category, int severity, String source,
                      List<Party> parties, List<Attachments.Upload> attachments) {

    public record Party(String name, String role) {}

    public static final List<String> SOURCES = List.of("COUNTER", "PATROL", "HOTLINE", "POLICE_110", "UPPER_LEVEL");
    public static final List<String> PARTY_ROLES = List.of("APPLICANT", "RESPONDENT", "REPORTER", "OTHER");

    /** Parties as people read them: 赵英伟（申请人）、李四（被申请人）. */
    public static String describe(List<Party> parties, Formats f) {
        return parties == null ? "" : parties.stream().map(p -> f.party(p.name(), p.role())).collect(Collectors.joining("、"));
    }
}
