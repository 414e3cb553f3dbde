package com.gridcommand.dispatch.api;

import com.gridcommand.dispatch.Assignment;
import com.gridcommand.dispatch.AssignmentRefusedException;
import com.gridcommand.dispatch.Assignments;
import com.gridcommand.dispatch.Ping;
import com.gridcommand.dispatch.PingRejectedException;
import com.gridcommand.dispatch.PositionIngest;
import com.gridcommand.security.DeviceService;
import com.gridcommand.security.DeviceService.DeviceIdentity;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.web.bind.annotation.ExceptionHandler;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where trackers report. {@code /api/osmand} speaks the OsmAnd / Traccar Client protocol, so phones and
 * vehicle trackers report without changes (configure the app's server URL as {@code http://host:8080/api/osmand}
 * and its device id as the device token). {@code /api/positions} takes a JSON batch (a device's buffer after
 * a dead zone) with the token as a Bearer credential. Success (stored, or already stored) is 200; a refused
 * position is 400 with its reason; an unknown or revoked token is 401.
 */
@RestController
@RequestMapping("/api")
class TrackerController {

    /** A request body larger than this is refused whole (413). */
    static final int MAX_BODY_BYTES = 1 << 20;

    private static final Logger log = LoggerFactory.getLogger(TrackerController.class);

    private final DeviceService devices;
    private final PositionIngest ingest;
    private final Assignments assignments;
    private final Clock clock;

    TrackerController(DeviceService devices, PositionIngest ingest, Assignments assignments, Clock clock) {
        this.devices = devices;
        this.ingest = ingest;
        this.assignments = assignments;
        this.clock = clock;
    }

    @RequestMapping(path = {"/osmand", "/osmand/"}, method = {RequestMethod.GET, RequestMethod.POST})
    ResponseEntity<String> osmand(HttpServletRequest request) throws IOException {
        Instant now = clock.instant();
        boolean json = request.getParameter("lat") == null && request.getParameter("location") == null && isJson(request.getContentType());
        Object body = null;
        if (json) {
            byte[] bytes = body(request);
            if (bytes == null) return text(HttpStatus.CONTENT_TOO_LARGE, "TOO_LARGE: request body over " + MAX_BODY_BYTES + " bytes");
            try {
                body = TrackerJson.read(bytes);
            } catch (TrackerJson.NotJson e) {
                return text(HttpStatus.BAD_REQUEST, "MALFORMED_JSON: " + e.getMessage());
            }
        }
        // The device first: an unknown device learns nothing about its position.
        Optional<DeviceIdentity> device = devices.authenticate(json ? OsmAndRequest.device(body) : OsmAndRequest.device(request.getParameterMap()));
        if (device.isEmpty()) return unknownDevice();
        Ping ping;
        try {
            ping = json ? OsmAndRequest.fromTraccarJson(body, now) : OsmAndRequest.fromParameters(request.getParameterMap(), now);
        } catch (PingRejectedException e) {
            ingest.refused(e.reason(), 1);
            return text(HttpStatus.BAD_REQUEST, e.reason() + ": " + e.getMessage());
        }
        PositionIngest.Result result = ingest.accept(device.get(), List.of(ping)).results().getFirst();
        return switch (result.outcome()) {
            case STORED -> text(HttpStatus.OK, "OK");
            case DUPLICATE -> text(HttpStatus.OK, "OK (already stored)");
            case REJECTED -> text(HttpStatus.BAD_REQUEST, result.reason() + ": " + result.message());
        };
    }

    /** application/json, compared as HTTP compares media types: case-insensitively, parameters aside. */
    static boolean isJson(String contentType) {
        if (contentType == null) return false;
        try {
            return MediaType.APPLICATION_JSON.equalsTypeAndSubtype(MediaType.parseMediaType(contentType));
        } catch (InvalidMediaTypeException e) {
            return false;
        }
    }

    /**
     * A batch: {@code {"positions": [{"time": ISO-8601 or Unix seconds/ms, "lat", "lon", "speed" (m/s), "bearing",
     * "altitude", "accuracy", "battery" (%)}, …]}} or the bare array. Each position is read and judged on its own
     * and gets its own outcome: a field of the wrong type refuses that position, not the batch.
     */
    @PostMapping(path = "/positions")
    ResponseEntity<Map<String, Object>> batch(HttpServletRequest request) throws IOException {
        Optional<DeviceIdentity> device = bearerDevice(request);
        if (device.isEmpty()) return error(HttpStatus.UNAUTHORIZED, "UNKNOWN_DEVICE", "unknown or revoked device token");
        byte[] body = body(request);
        if (body == null) return error(HttpStatus.CONTENT_TOO_LARGE, "TOO_LARGE", "request body over " + MAX_BODY_BYTES + " bytes");
        Object root;
        try {
            root = TrackerJson.read(body);
        } catch (TrackerJson.NotJson e) {
            return error(HttpStatus.BAD_REQUEST, "MALFORMED_JSON", e.getMessage());
        }
        Object positions = root instanceof List<?> ? root : TrackerJson.path(root, "positions");
        if (!(positions instanceof List<?> items)) {
            return error(HttpStatus.BAD_REQUEST, "MISSING_FIELD", "expected an array of positions, or {\"positions\": [...]}");
        }
        if (items.size() > PositionIngest.MAX_BATCH) {
            ingest.refused(PingRejectedException.Reason.TOO_MANY, items.size());
            return error(HttpStatus.CONTENT_TOO_LARGE, "TOO_MANY", "at most " + PositionIngest.MAX_BATCH + " positions per request");
        }
        List<Ping> pings = new ArrayList<>();
        List<Integer> indexes = new ArrayList<>();
        List<Map<String, Object>> rejected = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            try {
                pings.add(ping(items.get(i)));
                indexes.add(i);
            } catch (PingRejectedException e) {
                ingest.refused(e.reason(), 1);
                rejected.add(rejection(i, e.reason().name(), e.getMessage()));
            }
        }
        PositionIngest.Summary summary = ingest.accept(device.get(), pings);
        for (PositionIngest.Result r : summary.rejected()) rejected.add(rejection(indexes.get(r.index()), r.reason().name(), r.message()));
        rejected.sort(Comparator.comparingInt(m -> (Integer) m.get("index")));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("stored", summary.count(PositionIngest.Outcome.STORED));
        answer.put("duplicates", summary.count(PositionIngest.Outcome.DUPLICATE));
        answer.put("rejected", rejected);
        return ResponseEntity.status(rejected.isEmpty() ? HttpStatus.OK : HttpStatus.BAD_REQUEST).body(answer);
    }

    /**
     * Tomcat refuses query or form parameters it cannot decode (a bad %-escape, a form over its size) when they
     * are first read. That is the client's mistake, answered 400 and noted in one line, not an error with a stack trace.
     */
    @ExceptionHandler(InvalidParameterException.class)
    ResponseEntity<String> malformedParameters(InvalidParameterException e, HttpServletRequest request) {
        log.debug("Tracker request {} {} with malformed parameters: {}", request.getMethod(), request.getRequestURI(), e.getMessage());
        return text(HttpStatus.BAD_REQUEST, "MALFORMED_FORM: the query or form parameters are not properly encoded (application/x-www-form-urlencoded, UTF-8)");
    }

    /** The device's current assignment (204 when it has none). */
    @GetMapping("/assignments/current")
    ResponseEntity<Object> current(HttpServletRequest request) {
        Optional<DeviceIdentity> device = bearerDevice(request);
        if (device.isEmpty()) return ResponseEntity.status(HttpStatus.UNAUTHORIZED).body(Map.of("error", "UNKNOWN_DEVICE"));
        if (device.get().responderId() == null) return ResponseEntity.noContent().build();
        return assignments.activeFor(device.get().responderId()).<ResponseEntity<Object>>map(a -> ResponseEntity.ok(describe(a)))
                .orElse(ResponseEntity.noContent().build());
    }

    /** The responder's device reports a step: {@code {"status": "ACCEPTED" | "EN_ROUTE" | "ON_SCENE" | "FINISHED" | "DECLINED"}}. */
    @PostMapping("/assignments/{id}/status")
    ResponseEntity<Map<String, Object>> step(@PathVariable long id, HttpServletRequest request) throws IOException {
        Optional<DeviceIdentity> device = bearerDevice(request);
        if (device.isEmpty()) return error(HttpStatus.UNAUTHORIZED, "UNKNOWN_DEVICE", "unknown or revoked device token");
        byte[] body = body(request);
        if (body == null) return error(HttpStatus.CONTENT_TOO_LARGE, "TOO_LARGE", "request body too large");
        Assignment.Status to;
        try {
            to = Assignment.Status.valueOf(TrackerJson.path(TrackerJson.read(body), "status") instanceof String s ? s : "");
        } catch (TrackerJson.NotJson | IllegalArgumentException e) {
            return error(HttpStatus.BAD_REQUEST, "BAD_STATUS", "status must be one of ACCEPTED, EN_ROUTE, ON_SCENE, FINISHED, DECLINED");
        }
        try {
            return ResponseEntity.ok(describe(assignments.advance(device.get(), id, to)));
        } catch (AssignmentRefusedException e) {
            return error(e.reason() == AssignmentRefusedException.Reason.NOT_YOURS ? HttpStatus.FORBIDDEN : HttpStatus.CONFLICT,
                    e.reason().name(), e.getMessage());
        } catch (IllegalArgumentException e) {
            return error(HttpStatus.NOT_FOUND, "NOT_FOUND", e.getMessage());
        }
    }

    private static Map<String, Object> describe(Assignment a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", a.id());
        m.put("status", a.status());
        m.put("target", a.target());
        m.put("lat", a.targetLat());
        m.put("lon", a.targetLon());
        m.put("assignedAt", a.assignedAt().toString());
        m.put("etaSeconds", a.etaSeconds());
        return m;
    }

    private static Ping ping(Object item) {
        if (!(item instanceof Map<?, ?>)) {
            throw new PingRejectedException(PingRejectedException.Reason.NOT_AN_OBJECT, "a position must be a JSON object, got " + TrackerJson.kind(item));
        }
        Double lat = field(item, "lat"), lon = field(item, "lon");
        if (lat == null || lon == null) throw new PingRejectedException(PingRejectedException.Reason.MISSING_FIELD, "a position needs lat and lon");
        Instant time = TrackerJson.time(TrackerJson.path(item, "time"), "time");
        if (time == null) throw new PingRejectedException(PingRejectedException.Reason.MISSING_FIELD, "a position in a batch needs its time");
        return new Ping(time, lat, lon, field(item, "speed"), field(item, "bearing"), field(item, "altitude"), field(item, "accuracy"),
                field(item, "battery"));
    }

    private static Double field(Object item, String name) {
        return TrackerJson.number(TrackerJson.path(item, name), name);
    }

    private static Map<String, Object> rejection(int index, String reason, String message) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("index", index);
        m.put("reason", reason);
        m.put("message", message);
        return m;
    }

    /** The device whose token the request carries as a Bearer credential, if it is known and not revoked. */
    private Optional<DeviceIdentity> bearerDevice(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) return Optional.empty();
        return devices.authenticate(header.substring(7).trim());
    }

    /** The body, or null when it is over the limit. */
    private static byte[] body(HttpServletRequest request) throws IOException {
        if (request.getContentLengthLong() > MAX_BODY_BYTES) return null;
        byte[] bytes = request.getInputStream().readNBytes(MAX_BODY_BYTES + 1);
        return bytes.length > MAX_BODY_BYTES ? null : bytes;
    }

    private static ResponseEntity<String> unknownDevice() {
        return text(HttpStatus.UNAUTHORIZED, "UNKNOWN_DEVICE: unknown or revoked device token");
    }

    private static ResponseEntity<String> text(HttpStatus status, String body) {
        return ResponseEntity.status(status).contentType(MediaType.TEXT_PLAIN).body(body);
    }

    private static ResponseEntity<Map<String, Object>> error(HttpStatus status, String code, String message) {
        return ResponseEntity.status(status).body(Map.of("error", code, "message", message));
    }
}
