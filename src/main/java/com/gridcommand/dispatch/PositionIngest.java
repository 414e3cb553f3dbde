package com.gridcommand.dispatch;

import com.gridcommand.cluster.ClusterJobs;
import com.gridcommand.dispatch.PingRejectedException.Reason;
import com.gridcommand.dispatch.internal.DispatchQueries;
import com.gridcommand.security.DeviceService.DeviceIdentity;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Stores tracker positions as tracks and keeps each responder's current position.
 * <ul>
 * <li>Idempotent: (device, device time) is the key; a resent ping is a duplicate, answered as success.</li>
 * <li>Out-of-order safe: the current position moves only to a fix newer (by device time) than the one it has.</li>
 * <li>Bounded: coordinates, time, speed, bearing, accuracy, altitude and battery are checked, and a fix that
 *     would mean travelling faster than {@link #MAX_SPEED_KMH} from its neighbours in time is refused —
 *     each with its own reason, and nothing of a refused fix is stored.</li>
 * <li>Durable: a request's fixes are committed in one transaction before it is answered.</li>
 * </ul>
 * Tracks live in {@code position_report}, partitioned by day; partitions are made ahead (by one node of the cluster
 * each hour) and on demand. Counts what it accepts and refuses ({@code gridcommand.pings.accepted}, {@code .refused}
 * by reason).
 */
@Service
public class PositionIngest {

    public static final double MAX_SPEED_KMH = 250;
    public static final int MAX_BATCH = 1_000;
    /** A fix may be this far ahead of the server's clock (devices' clocks drift). */
    public static final Duration MAX_AHEAD = Duration.ofMinutes(5);
    private static final double EARTH_METRES = 6_371_008.8;
    /** The partition job's name ({@code job_run.name}). */
    public static final String PARTITION_JOB = "position-partitions";
    /** The hourly partition job is not repeated within this (a node starting meanwhile finds it done). */
    static final Duration PARTITION_PERIOD = Duration.ofMinutes(30);

    public enum Outcome { STORED, DUPLICATE, REJECTED }

    /** What became of one ping of a request, by its index there. */
    public record Result(int index, Outcome outcome, Reason reason, String message) {}

    public record Summary(List<Result> results) {
        public long count(Outcome outcome) {
            return results.stream().filter(r -> r.outcome() == outcome).count();
        }

        public List<Result> rejected() {
            return results.stream().filter(r -> r.outcome() == Outcome.REJECTED).toList();
        }
    }

    private record Fix(Instant time, double lat, double lon) {}

    private final DispatchQueries queries;
    private final TransactionTemplate transaction;
    private final TransactionTemplate ownTransaction;
    private final Clock clock;
    private final Duration maxAge;
    /** The newest stored fix per device, to check a new one against without a query. */
    private final Map<Long, Fix> latest = new ConcurrentHashMap<>();
    private final Set<LocalDate> partitions = ConcurrentHashMap.newKeySet();
    private final ClusterJobs jobs;
    private final Counter stored, duplicates;
    private final Map<Reason, Counter> refused = new EnumMap<>(Reason.class);

    PositionIngest(DispatchQueries queries, PlatformTransactionManager transactions, Clock clock,
                   @Value("${gridcommand.tracking.max-age:P7D}") Duration maxAge, ClusterJobs jobs, MeterRegistry meters) {
        this.queries = queries;
        this.transaction = new TransactionTemplate(transactions);
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.clock = clock;
        this.maxAge = maxAge;
        this.jobs = jobs;
        this.stored = accepted(meters, "stored");
        this.duplicates = accepted(meters, "duplicate");
        for (Reason reason : Reason.values()) {
            refused.put(reason, Counter.builder("gridcommand.pings.refused").description("Positions refused, by reason")
                    .tag("reason", reason.name().toLowerCase(Locale.ROOT)).register(meters));
        }
    }

    private static Counter accepted(MeterRegistry meters, String outcome) {
        return Counter.builder("gridcommand.pings.accepted").description("Positions accepted: stored, or a resent one already stored")
                .tag("outcome", outcome).register(meters);
    }

    /** Today's and tomorrow's partitions exist before the first ping of the day arrives. */
    @EventListener(ApplicationReadyEvent.class)
    @Scheduled(cron = "0 0 * * * *", zone = "UTC")
    void prepareDays() {
        jobs.runExclusive(PARTITION_JOB, PARTITION_PERIOD, this::makeDays);
    }

    /** Makes today's and tomorrow's partitions (UTC) if missing; what the partition job runs. */
    void makeDays() {
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        partition(today);
        partition(today.plusDays(1));
    }

    /** Checks, stores and applies a device's pings; the result lists each ping's outcome. */
    public Summary accept(DeviceIdentity device, List<Ping> pings) {
        if (pings.size() > MAX_BATCH) {
            refused(Reason.TOO_MANY, pings.size());
            throw new PingRejectedException(Reason.TOO_MANY, "at most " + MAX_BATCH + " positions per request, got " + pings.size());
        }
        Instant now = clock.instant();
        Result[] results = new Result[pings.size()];
        List<Integer> valid = new ArrayList<>();
        for (int i = 0; i < pings.size(); i++) {
            try {
                check(pings.get(i), now);
                valid.add(i);
            } catch (PingRejectedException e) {
                results[i] = new Result(i, Outcome.REJECTED, e.reason(), e.getMessage());
            }
        }
        valid.sort(Comparator.comparing((Integer i) -> pings.get(i).time()).thenComparingInt(i -> i));
        for (Integer i : valid) partition(LocalDate.ofInstant(pings.get(i).time(), ZoneOffset.UTC));
        Fix[] newest = new Fix[1];
        transaction.executeWithoutResult(status -> {
            Fix last = latest.computeIfAbsent(device.id(), id -> lastStored(id, null, true));
            List<Integer> toStore = new ArrayList<>();
            Set<Instant> seen = new HashSet<>();
            for (Integer i : valid) {
                Ping p = pings.get(i);
                if (!seen.add(p.time())) {
                    results[i] = new Result(i, Outcome.DUPLICATE, null, "the same device time was sent twice");
                    continue;
                }
                Fix fix = new Fix(p.time(), p.lat(), p.lon());
                String jump;
                if (last == null || p.time().isAfter(last.time())) {
                    jump = jump(last, fix);
                } else {
                    // A late fix: check it against its stored neighbours in time.
                    jump = jump(lastStored(device.id(), p.time(), true), fix);
                    if (jump == null) jump = jump(lastStored(device.id(), p.time(), false), fix);
                }
                if (jump != null) {
                    results[i] = new Result(i, Outcome.REJECTED, Reason.IMPLAUSIBLE_JUMP, jump);
                    continue;
                }
                toStore.add(i);
                if (last == null || p.time().isAfter(last.time())) last = fix;
            }
            int[] stored = queries.storeFixes(device.id(), device.responderId(), now, toStore.stream().map(i -> {
                Ping p = pings.get(i);
                return new DispatchQueries.NewFix(p.time(), p.lon(), p.lat(), p.speedMps(), p.bearing(), p.altitudeMetres(), p.accuracyMetres(),
                        p.batteryPercent());
            }).toList());
            Fix newestStored = null;
            for (int k = 0; k < toStore.size(); k++) {
                int i = toStore.get(k);
                boolean isNew = stored[k] != 0;
                results[i] = new Result(i, isNew ? Outcome.STORED : Outcome.DUPLICATE, null, isNew ? null : "already stored");
                Ping p = pings.get(i);
                if (isNew && (newestStored == null || p.time().isAfter(newestStored.time()))) newestStored = new Fix(p.time(), p.lat(), p.lon());
            }
            if (newestStored != null && device.responderId() != null) {
                // Out-of-order safe: only a newer fix moves the responder.
                queries.moveResponderIfNewer(device.responderId(), new DispatchQueries.StoredFix(newestStored.time(), newestStored.lat(), newestStored.lon()));
            }
            if (newestStored != null) {
                // The device's last report is when a position of it was last stored (every device: a tracker signing in
                // with its token, the simulator, an import), written at most once a minute, not per ping.
                queries.deviceSeen(device.id(), now);
            }
            newest[0] = last;
        });
        // Only after the commit: the cache never runs ahead of what is stored.
        if (newest[0] != null) latest.merge(device.id(), newest[0], (a, b) -> b.time().isAfter(a.time()) ? b : a);
        for (Result r : results) {
            switch (r.outcome()) {
                case STORED -> stored.increment();
                case DUPLICATE -> duplicates.increment();
                case REJECTED -> refused.get(r.reason()).increment();
            }
        }
        return new Summary(List.of(results));
    }

    /** Counts positions refused before they reached {@link #accept} (unreadable: not a number, no time, …). */
    public void refused(Reason reason, int positions) {
        refused.get(reason).increment(positions);
    }

    /** Checks one ping on its own: ranges and time. */
    void check(Ping p, Instant now) {
        if (p.time() == null) throw new PingRejectedException(Reason.MISSING_FIELD, "a position needs its time");
        if (!Double.isFinite(p.lat()) || p.lat() < -90 || p.lat() > 90) {
            throw new PingRejectedException(Reason.LATITUDE_RANGE, "latitude must be between -90 and 90, got " + shown(p.lat()));
        }
        if (!Double.isFinite(p.lon()) || p.lon() < -180 || p.lon() > 180) {
            throw new PingRejectedException(Reason.LONGITUDE_RANGE, "longitude must be between -180 and 180, got " + shown(p.lon()));
        }
        if (p.lat() == 0 && p.lon() == 0) throw new PingRejectedException(Reason.NO_FIX, "0,0 is what a device sends without a GPS fix");
        if (p.time().isAfter(now.plus(MAX_AHEAD))) {
            throw new PingRejectedException(Reason.FUTURE_TIME, "the time " + p.time() + " is more than 5 minutes ahead of the server");
        }
        if (p.time().isBefore(now.minus(maxAge))) {
            throw new PingRejectedException(Reason.TOO_OLD, "the time " + p.time() + " is older than " + maxAge.toDays() + " days");
        }
        range(p.speedMps(), 0, MAX_SPEED_KMH / 3.6, Reason.SPEED_RANGE, "speed");
        if (p.bearing() != null && (!Double.isFinite(p.bearing()) || p.bearing() < 0 || p.bearing() > 360)) {
            throw new PingRejectedException(Reason.BEARING_RANGE, "bearing must be between 0 and 360 degrees, got " + shown(p.bearing()));
        }
        range(p.accuracyMetres(), 0, 100_000, Reason.ACCURACY_RANGE, "accuracy");
        range(p.altitudeMetres(), -500, 9_000, Reason.ALTITUDE_RANGE, "altitude");
        range(p.batteryPercent(), 0, 100, Reason.BATTERY_RANGE, "battery");
    }

    private static void range(Double value, double min, double max, Reason reason, String name) {
        if (value != null && (!Double.isFinite(value) || value < min || value > max)) {
            throw new PingRejectedException(reason, "%s must be between %s and %s, got %s".formatted(name, fmt(min), fmt(max), shown(value)));
        }
    }

    /** A value as a message shows it: a number too large for a double (sent with hundreds of digits) is said so. */
    private static String shown(double value) {
        if (Double.isInfinite(value)) return value > 0 ? "a number above 1.8E308" : "a number below -1.8E308";
        return Double.toString(value);
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : String.format(java.util.Locale.ROOT, "%.1f", d);
    }

    /** Null if the move from {@code from} to {@code to} is possible at the maximum speed (plus GPS noise). */
    private static String jump(Fix from, Fix to) {
        if (from == null) return null;
        double metres = metres(from, to);
        double seconds = Math.abs(Duration.between(from.time(), to.time()).toMillis()) / 1000.0;
        double allowed = MAX_SPEED_KMH / 3.6 * seconds + 100;
        if (metres <= allowed) return null;
        return "moving %.0f m in %.0f s would take %.0f km/h (limit %.0f km/h)".formatted(metres, seconds,
                seconds == 0 ? Double.POSITIVE_INFINITY : metres / seconds * 3.6, MAX_SPEED_KMH);
    }

    static double metres(Fix a, Fix b) {
        double p1 = Math.toRadians(a.lat()), p2 = Math.toRadians(b.lat());
        double dp = p2 - p1, dl = Math.toRadians(b.lon() - a.lon());
        double h = Math.sin(dp / 2) * Math.sin(dp / 2) + Math.cos(p1) * Math.cos(p2) * Math.sin(dl / 2) * Math.sin(dl / 2);
        return 2 * EARTH_METRES * Math.asin(Math.min(1, Math.sqrt(h)));
    }

    /** The device's stored fix just before (or after) a time; with no time, its newest. */
    private Fix lastStored(long deviceId, Instant around, boolean before) {
        return queries.storedFix(deviceId, around, before).map(f -> new Fix(f.time(), f.lat(), f.lon())).orElse(null);
    }

    /** The day's partition, made in its own short transaction the first time a day is seen. */
    private void partition(LocalDate day) {
        if (partitions.contains(day)) return;
        ownTransaction.executeWithoutResult(s -> queries.makePartition(day));
        partitions.add(day);
    }

    /** Forgets cached fixes (tests that roll back their data). */
    public void forget() {
        latest.clear();
    }
}
