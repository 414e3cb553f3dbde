package com.gridcommand.dispatch;

import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The unit status board as the dispatcher sees it: the teams to choose from (every team on the board, sorted),
 * the rows of the chosen team (all when none is chosen) ordered by status in the order of
 * {@link ResponderService#STATUSES} and then by name, and how many of those rows are in each status.
 */
public record StatusBoard(SortedSet<String> teams, List<ResponderService.BoardRow> rows, Map<String, Long> counts) {

    /** Status first (in the order of {@link ResponderService#STATUSES}; an unknown status before all), then name. */
    public static final Comparator<ResponderService.BoardRow> ORDER = Comparator
            .comparingInt((ResponderService.BoardRow r) -> ResponderService.STATUSES.indexOf(r.status()))
            .thenComparing(ResponderService.BoardRow::name);

    public StatusBoard {
        teams = Collections.unmodifiableSortedSet(new TreeSet<>(teams));
        rows = List.copyOf(rows);
        counts = Map.copyOf(counts);
    }

    /** The board of {@code all} responders, showing only {@code team} (null: every team). */
    public static StatusBoard of(List<ResponderService.BoardRow> all, String team) {
        SortedSet<String> teams = teams(all);
        List<ResponderService.BoardRow> shown = all.stream().filter(r -> team == null || team.equals(r.team())).toList();
        Map<String, Long> counts = shown.stream().collect(Collectors.groupingBy(ResponderService.BoardRow::status, Collectors.counting()));
        return new StatusBoard(teams, shown.stream().sorted(ORDER).toList(), counts);
    }

    /** Every team on the board (responders without one aside), sorted. */
    public static SortedSet<String> teams(List<ResponderService.BoardRow> all) {
        return all.stream().map(ResponderService.BoardRow::team).filter(Objects::nonNull)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** How many shown rows are in {@code status}. */
    public long count(String status) {
        return counts.getOrDefault(status, 0L);
    }
}
