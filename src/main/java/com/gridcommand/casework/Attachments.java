package com.gridcommand.casework;

import com.gridcommand.base.i18n.ProblemException;
import com.gridcommand.casework.internal.CaseQueries;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Photos and documents attached to a case step. Limits on size, count and type; the type is taken
 * from the file's own bytes (a renamed executable is not a photo). Stored in the database, or in a
 * configured folder by content hash.
 */
@Component
public class Attachments {

    /** An uploaded file, before it is checked. */
    public record Upload(String fileName, String declaredType, byte[] data) {}

    public record Stored(long id, String fileName, String contentType, long sizeBytes) {}

    /** The file's bytes, for download. */
    public record Content(String fileName, String contentType, byte[] data) {}

    private final CaseQueries queries;
    private final long maxBytes;
    private final int maxPerStep;
    private final Path folder;

    Attachments(CaseQueries queries, @Value("${gridcommand.attachments.max-bytes:5242880}") long maxBytes,
                @Value("${gridcommand.attachments.max-per-step:10}") int maxPerStep,
                @Value("${gridcommand.attachments.folder:}") String folder) {
        this.queries = queries;
        this.maxBytes = maxBytes;
        this.maxPerStep = maxPerStep;
        this.folder = folder == null || folder.isBlank() ? null : Path.of(folder);
    }

    public long maxBytes() {
        return maxBytes;
    }

    public int maxPerStep() {
        return maxPerStep;
    }

    /** Checks every upload before anything is stored; the message names the file and what is wrong. */
    void check(List<Upload> uploads) {
        if (uploads.size() > maxPerStep) {
            throw new AttachmentRejectedException("problem.file.tooMany", "at most " + maxPerStep + " files per step, not " + uploads.size(),
                    maxPerStep, uploads.size());
        }
        for (Upload u : uploads) {
            String name = safeName(u.fileName());
            if (u.data() == null || u.data().length == 0) throw new AttachmentRejectedException("problem.file.empty", name + " is empty", name);
            if (u.data().length > maxBytes) {
                throw new AttachmentRejectedException("problem.file.tooBig", name + " is " + u.data().length / 1024 + " KB; the limit is "
                        + maxBytes / 1024 + " KB", name, u.data().length / 1024, maxBytes / 1024 / 1024);
            }
            String detected = detect(u.data());
            if (detected == null) {
                throw new AttachmentRejectedException("problem.file.type", name + " is not a JPEG, PNG, WebP image or a PDF", name);
            }
            String declared = u.declaredType() == null ? "" : u.declaredType().toLowerCase(Locale.ROOT).strip();
            if (declared.equals("image/jpg") || declared.equals("image/pjpeg")) declared = "image/jpeg";
            if (!declared.isEmpty() && !declared.equals("application/octet-stream") && !declared.equals(detected)) {
                throw new AttachmentRejectedException("problem.file.mismatch", name + " says it is " + u.declaredType() + " but its contents are "
                        + detected, name);
            }
        }
    }

    void store(long caseId, long eventId, List<Upload> uploads, String actor) {
        for (Upload u : uploads) {
            String hash = sha256(u.data());
            String path = null;
            byte[] data = u.data();
            if (folder != null) {
                Path file = folder.resolve(hash.substring(0, 2)).resolve(hash);
                try {
                    Files.createDirectories(file.getParent());
                    if (!Files.exists(file)) Files.write(file, u.data());
                } catch (IOException e) {
                    throw new UncheckedIOException("could not store " + safeName(u.fileName()), e);
                }
                path = file.toString();
                data = null;
            }
            queries.insertAttachment(caseId, eventId, safeName(u.fileName()), detect(u.data()), u.data().length, hash, data, path, actor);
        }
    }

    List<Stored> ofEvent(long eventId) {
        return queries.attachmentsOfEvent(eventId);
    }

    Optional<Content> content(long id) {
        return queries.attachmentFile(id).map(f -> {
            byte[] data = f.data();
            if (data == null) {
                try {
                    data = Files.readAllBytes(Path.of(f.storedPath()));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            return new Content(f.fileName(), f.contentType(), data);
        });
    }

    /** The content type from the file's first bytes, or null if it is none we accept. */
    static String detect(byte[] d) {
        if (d.length >= 3 && (d[0] & 0xff) == 0xFF && (d[1] & 0xff) == 0xD8 && (d[2] & 0xff) == 0xFF) return "image/jpeg";
        if (d.length >= 8 && (d[0] & 0xff) == 0x89 && d[1] == 'P' && d[2] == 'N' && d[3] == 'G') return "image/png";
        if (d.length >= 12 && d[0] == 'R' && d[1] == 'I' && d[2] == 'F' && d[3] == 'F' && d[8] == 'W' && d[9] == 'E' && d[10] == 'B' && d[11] == 'P') {
            return "image/webp";
        }
        if (d.length >= 5 && d[0] == '%' && d[1] == 'P' && d[2] == 'D' && d[3] == 'F' && d[4] == '-') return "application/pdf";
        return null;
    }

    /** The file's own name, without any path a browser or an attacker put in front. */
    static String safeName(String name) {
        if (name == null || name.isBlank()) return "file";
        String n = name.replace('\\', '/');
        n = n.substring(n.lastIndexOf('/') + 1).replaceAll("[\\p{Cntrl}]", "").strip();
        if (n.isEmpty()) return "file";
        return n.length() > 200 ? n.substring(n.length() - 200) : n;
    }

    private static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An attachment broke a limit: nothing of the step was stored. */
    public static class AttachmentRejectedException extends ProblemException {
        AttachmentRejectedException(String key, String message, Object... args) {
            super(key, message, args);
        }
    }
}
