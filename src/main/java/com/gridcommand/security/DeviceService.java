package com.gridcommand.security;

import com.gridcommand.base.i18n.ProblemException;
import com.gridcommand.security.internal.SecurityQueries;
import com.gridcommand.security.internal.SecurityQueries.DeviceToken;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Credentials for machines (trackers, phones posting positions and reports), separate from people's
 * logins. A token is shown once when issued; only its SHA-256 is kept (a 256-bit random secret needs no
 * slow hash). Revoked tokens stop working at once.
 */
@Service
@Transactional
public class DeviceService {

    private static final Pattern TOKEN = Pattern.compile("gcd_([a-z0-9]{8})_([A-Za-z0-9_-]{43})");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecurityQueries queries;
    private final CurrentUser current;
    private final Clock clock;

    DeviceService(SecurityQueries queries, CurrentUser current, Clock clock) {
        this.queries = queries;
        this.current = current;
        this.clock = clock;
    }

    public record Device(long id, String name, String tokenPrefix, Long responderId, String responderName, String createdBy,
                         OffsetDateTime createdAt, OffsetDateTime revokedAt, OffsetDateTime lastSeenAt) {
        public boolean active() {
            return revokedAt == null;
        }
    }

    /** A newly issued device and its token: the only time the token is ever shown. */
    public record Issued(Device device, String token) {}

    /** Who is posting, once a token checked out. */
    public record DeviceIdentity(long id, String name, Long responderId) {}

    @Transactional(readOnly = true)
    public List<Device> list() {
        current.require(Role.ADMIN);
        return queries.devices();
    }

    public Issued issue(String name, Long responderId) {
        GridUser admin = current.require(Role.ADMIN);
        if (name == null || name.isBlank() || name.length() > 100) throw new ProblemException("problem.device.name", "a device needs a name of up to 100 characters", 100);
        String prefix = prefix();
        String token = "gcd_" + prefix + "_" + random(32);
        long id = queries.insertDevice(name.trim(), prefix, sha256(token), responderId, admin.username());
        Device device = list().stream().filter(d -> d.id() == id).findFirst().orElseThrow();
        return new Issued(device, token);
    }

    public void revoke(long id) {
        current.require(Role.ADMIN);
        queries.revokeDevice(id, OffsetDateTime.now(clock));
    }

    /** The device a token belongs to, if the token is well-formed, known and not revoked. */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public Optional<DeviceIdentity> authenticate(String token) {
        if (token == null) return Optional.empty();
        Matcher m = TOKEN.matcher(token.trim());
        if (!m.matches()) return Optional.empty();
        Optional<DeviceToken> row = queries.activeDevice(m.group(1));
        if (row.isEmpty() || !MessageDigest.isEqual(row.get().tokenHash().getBytes(StandardCharsets.US_ASCII), sha256(token.trim()).getBytes(StandardCharsets.US_ASCII))) {
            return Optional.empty();
        }
        // Seen at most once a minute per device: no write per ping.
        queries.markDeviceSeen(row.get().id(), OffsetDateTime.now(clock), OffsetDateTime.now(clock).minusMinutes(1));
        return Optional.of(new DeviceIdentity(row.get().id(), row.get().name(), row.get().responderId()));
    }

    /** Eight random lower-case letters and digits: finds the row without revealing anything of the secret. */
    private static String prefix() {
        String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
        StringBuilder sb = new StringBuilder(8);
        for (int i = 0; i < 8; i++) sb.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        return sb.toString();
    }

    private static String random(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
