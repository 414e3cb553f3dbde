package com.gridcommand.cluster;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Trackers as they behave in the field: each device fixes its position once a second, moving north at about
 * 3.3 m/s, and posts it through the proxy (OsmAnd protocol). A position not answered 200 stays in the device's
 * buffer and is sent again, oldest first, until it is. Every position answered 200 is "acknowledged": the
 * server promised it is stored.
 */
final class SteadyIngest implements AutoCloseable {

    /** Degrees of latitude a device moves per second (about 3.3 m: a patrol on foot or a slow car). */
    static final double STEP = 0.00003;

    record Device(long id, String token, long responderId, double lat0, double lon) {
        double latAt(long second, long start) {
            return lat0 + (second - start) * STEP;
        }
    }

    record Ack(long deviceId, long second) {}

    record Attempt(long sentNanos, long doneNanos, boolean ok) {}

    private final String base;
    private final List<Device> devices;
    private final long start = Instant.now().getEpochSecond();
    private final List<Ack> acks = new CopyOnWriteArrayList<>();
    private final List<Attempt> attempts = new CopyOnWriteArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private volatile boolean running = true;
    private final List<Thread> threads = new ArrayList<>();

    private SteadyIngest(String base, List<Device> devices) {
        this.base = base;
        this.devices = devices;
    }

    /** Gives each responder a device (as 终端管理 does: a token stored only as its SHA-256) and starts reporting. */
    static SteadyIngest start(Connection db, String base, List<Long> responders) throws SQLException {
        List<Device> devices = new ArrayList<>();
        for (long responder : responders) devices.add(issue(db, responder));
        SteadyIngest ingest = new SteadyIngest(base, List.copyOf(devices));
        for (Device d : devices) {
            ingest.threads.add(Thread.ofPlatform().name("tracker-" + d.id()).daemon().start(() -> ingest.report(d)));
        }
        return ingest;
    }

    /** A device for the responder, starting where the responder is. */
    static Device issue(Connection db, long responder) throws SQLException {
        try (var actor = db.prepareStatement("select set_config('gridcommand.actor', 'fault-drill', false)")) {
            actor.execute();
        }
        String prefix = random("abcdefghijklmnopqrstuvwxyz0123456789", 8);
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        String token = "gcd_" + prefix + "_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        long id;
        try (var insert = db.prepareStatement("""
                insert into device (name, token_prefix, token_hash, responder_id, created_by)
                values (?, ?, ?, ?, 'fault-drill') returning id""")) {
            insert.setString(1, "演练终端 " + responder);
            insert.setString(2, prefix);
            insert.setString(3, sha256(token));
            insert.setLong(4, responder);
            try (var rs = insert.executeQuery()) {
                rs.next();
                id = rs.getLong(1);
            }
        }
        try (var at = db.prepareStatement("select ST_Y(position), ST_X(position) from responder where id = ?")) {
            at.setLong(1, responder);
            try (var rs = at.executeQuery()) {
                rs.next();
                return new Device(id, token, responder, rs.getDouble(1), rs.getDouble(2));
            }
        }
    }

    /** Posts one position of a device to a server; the HTTP status. */
    static int postOnce(String base, Device d, double lat, long second) throws Exception {
        return HttpClient.newHttpClient().send(osmand(base, d, lat, second), HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    /** An OsmAnd request with one position of the device (device time in whole seconds). */
    private static HttpRequest osmand(String base, Device d, double lat, long second) {
        String query = "id=" + URLEncoder.encode(d.token(), StandardCharsets.UTF_8) + "&lat=" + lat + "&lon=" + d.lon()
                + "&timestamp=" + second + "&speed=3.3";
        return HttpRequest.newBuilder(URI.create(base + "/api/osmand?" + query)).timeout(Duration.ofSeconds(5))
                .POST(HttpRequest.BodyPublishers.noBody()).build();
    }

    private void report(Device d) {
        Deque<Long> buffer = new ArrayDeque<>();
        long next = start;
        while (running) {
            long now = Instant.now().getEpochSecond();
            while (next <= now) buffer.addLast(next++);
            // Oldest first, at most a few per second (a tracker draining its buffer after a dead zone).
            for (int sent = 0; sent < 5 && !buffer.isEmpty() && running; sent++) {
                long second = buffer.peekFirst();
                if (post(d, second)) {
                    buffer.removeFirst();
                    acks.add(new Ack(d.id(), second));
                } else {
                    break;
                }
            }
            sleepUntilNextSecond();
        }
    }

    private boolean post(Device d, long second) {
        long sent = System.nanoTime();
        boolean ok;
        try {
            ok = http.send(osmand(base, d, d.latAt(second, start), second), HttpResponse.BodyHandlers.ofString()).statusCode() == 200;
        } catch (Exception e) {
            ok = false;
        }
        attempts.add(new Attempt(sent, System.nanoTime(), ok));
        return ok;
    }

    private static void sleepUntilNextSecond() {
        long ms = 1000 - (System.currentTimeMillis() % 1000) + 20;
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    List<Device> devices() {
        return devices;
    }

    long start() {
        return start;
    }

    /** Seconds from {@code faultNanos} until a position posted after it was answered 200 again. */
    double secondsUntilAcceptedAfter(long faultNanos, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            for (Attempt a : attempts) {
                if (a.ok() && a.sentNanos() > faultNanos) return (a.doneNanos() - faultNanos) / 1e9;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no position was accepted within " + limit + " after the fault");
    }

    /** Requests refused or unanswered since {@code faultNanos}. */
    long failuresSince(long faultNanos) {
        return attempts.stream().filter(a -> !a.ok() && a.sentNanos() > faultNanos).count();
    }

    /** The newest latitude acknowledged for a device so far. */
    double latestAcknowledgedLat(Device d) {
        return acks.stream().filter(a -> a.deviceId() == d.id()).mapToLong(Ack::second).max()
                .stream().mapToDouble(s -> d.latAt(s, start)).findFirst().orElse(d.lat0());
    }

    int acknowledged() {
        return acks.size();
    }

    /** Acknowledged positions the database does not hold: must be none. */
    long lost(Connection db) throws SQLException {
        long lost = 0;
        for (Device d : devices) {
            Set<Long> stored = new HashSet<>();
            try (var q = db.prepareStatement("select extract(epoch from device_time)::bigint from position_report where device_id = ?")) {
                q.setLong(1, d.id());
                try (var rs = q.executeQuery()) {
                    while (rs.next()) stored.add(rs.getLong(1));
                }
            }
            lost += acks.stream().filter(a -> a.deviceId() == d.id() && !stored.contains(a.second())).count();
        }
        return lost;
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        for (Thread t : threads) t.join(10_000);
    }

    private static String random(String alphabet, int n) {
        SecureRandom r = new SecureRandom();
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
        return sb.toString();
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
