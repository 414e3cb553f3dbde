package com.gridcommand.dispatch;

import java.util.Set;

/** Which responders may be proposed: kinds (empty: every dispatchable kind), a skill they must have, a team. */
public record CandidateFilter(Set<String> kinds, String skill, String team) {

    public static final CandidateFilter ANY = new CandidateFilter(Set.of(), null, null);

    public CandidateFilter {
        kinds = kinds == null ? Set.of() : Set.copyOf(kinds);
        skill = skill == null || skill.isBlank() ? null : skill.trim();
        team = team == null || team.isBlank() ? null : team.trim();
    }
}
