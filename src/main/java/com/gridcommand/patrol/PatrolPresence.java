package com.gridcommand.patrol;

import com.gridcommand.patrol.internal.PatrolQueries;
import com.gridcommand.patrol.internal.PatrolQueries.Fix;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * Patrol presence from the tracks: which grid cells and hotspots saw no patrol by day (06:00–20:00) or by night
 * (20:00–06:00) in a period, and each hotspot's dosage — visits, minutes inside, Koper stops and the longest
 * wait between them — against the evidence-based target of a stop of about 10–16 minutes at least every two
 * hours in the active period (Koper 1995; the numbers are settings).
 */
@Service
@Transactional(readOnly = true)
public class PatrolPresence {

    public static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    public static final LocalTime DAY_STARTS = LocalTime.of(6, 0);
    public static final LocalTime NIGHT_STARTS = LocalTime.of(20, 0);

    private final PatrolQueries queries;
    private final Duration koperStop;
    private final Duration koperEvery;

    PatrolPresence(PatrolQueries queries, @org.springframework.beans.factory.annotation.Value("${gridcommand.patrol.koper-stop:PT10M}") Duration koperStop,
                   @org.springframework.beans.factory.annotation.Value("${gridcommand.patrol.koper-every:PT2H}") Duration koperEvery) {
        this.queries = queries;
        this.koperStop = koperStop;
        this.koperEvery = koperEvery;
    }

    /** The Koper target: a stop of at least this long... */
    public Duration koperStop() {
        return koperStop;
    }

    /** ...at least this often in active periods. */
    public Duration koperEvery() {
        return koperEvery;
    }

    /** An area and whether any patrol fix fell inside it by day and by night in the period. */
    public record Presence(String kind, long id, String code, boolean day, boolean night) {
        public boolean gap() {
            return !day || !night;
        }
    }

    /** Grid cells and active hotspots with their day and night presence, China dates {@code from}..{@code to} inclusive. */
    public List<Presence> presence(LocalDate from, LocalDate to) {
        return queries.presence(from.atStartOfDay(CHINA).toOffsetDateTime(), to.plusDays(1).atStartOfDay(CHINA).toOffsetDateTime(),
                DAY_STARTS, NIGHT_STARTS);
    }

    /**
     * How many days and how many nights of a period each grid cell saw a patrol fix. A night belongs to the date it
     * starts on (20:00 that day to 06:00 the next), so the period's nights are as many as its days.
     */
    public record CellDays(long cellId, int days, int nights) {}

    /**
     * Every grid cell's patrolled days and nights, China dates {@code from}..{@code to} inclusive, from the rollup the
     * database keeps as fixes arrive (V9: patrol_presence, the same day and night boundaries as here).
     */
    public List<CellDays> cellDays(LocalDate from, LocalDate to) {
        return queries.cellDays(from, to);
    }

    /** One stay of one responder inside a hotspot: fixes inside with no silence over five minutes between them. */
    public record Visit(long responderId, OffsetDateTime start, OffsetDateTime end) {
        public Duration length() {
            return Duration.between(start, end);
        }
    }

    /** A hotspot's dosage in an active period. */
    public record Dosage(String hotspot, List<Visit> visits, Duration inside, int koperStops, Duration longestWait, boolean meetsTarget) {}

    /** Dosage of a hotspot from {@code start} to {@code end} (an active period, e.g. a night). */
    public Dosage dosage(String hotspotCode, OffsetDateTime start, OffsetDateTime end) {
        List<Fix> fixes = queries.fixesInside(hotspotCode, start, end);
        List<Visit> visits = new ArrayList<>();
        Fix first = null, last = null;
        for (Fix f : fixes) {
            if (last != null && (last.responder() != f.responder() || Duration.between(last.at(), f.at()).compareTo(PatrolCompliance.MAX_GAP) > 0)) {
                visits.add(new Visit(first.responder(), first.at(), last.at()));
                first = null;
            }
            if (first == null) first = f;
            last = f;
        }
        if (first != null) visits.add(new Visit(first.responder(), first.at(), last.at()));
        visits.sort(java.util.Comparator.comparing(Visit::start));
        Duration inside = visits.stream().map(Visit::length).reduce(Duration.ZERO, Duration::plus);
        List<Visit> stops = visits.stream().filter(v -> v.length().compareTo(koperStop) >= 0).toList();
        // The longest time without a Koper stop: from the period's start to the first, between them, from the last to the end.
        Duration longest = Duration.ZERO;
        OffsetDateTime since = start;
        for (Visit v : stops) {
            if (Duration.between(since, v.start()).compareTo(longest) > 0) longest = Duration.between(since, v.start());
            if (v.end().isAfter(since)) since = v.end();
        }
        if (Duration.between(since, end).compareTo(longest) > 0) longest = Duration.between(since, end);
        return new Dosage(hotspotCode, visits, inside, stops.size(), longest, longest.compareTo(koperEvery) <= 0);
    }
}
