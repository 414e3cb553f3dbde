package com.gridcommand.base.postgis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;

/**
 * The embedded cluster's superuser password: generated once, kept in a file beside the data folder
 * ({@code pgdata} → {@code pgdata.password}) that only its owner may read, never in the configuration.
 */
final class ClusterPassword {

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private final Path file;

    ClusterPassword(Path dataDir) {
        Path data = dataDir.toAbsolutePath().normalize();
        this.file = data.resolveSibling(data.getFileName() + ".password");
    }

    Path file() {
        return file;
    }

    boolean exists() {
        return Files.exists(file);
    }

    /** The kept password; a new one is generated and written (owner-only) when there is none. */
    String readOrCreate() {
        try {
            if (Files.exists(file)) {
                if (isPosix()) Files.setPosixFilePermissions(file, OWNER_ONLY);
                return Files.readString(file).trim();
            }
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            // URL-safe Base64: no quote, backslash or space to escape in SQL or in initdb's password file.
            String password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            Files.createDirectories(file.getParent());
            Path temporary = isPosix()
                    ? Files.createTempFile(file.getParent(), ".password-", ".tmp", PosixFilePermissions.asFileAttribute(OWNER_ONLY))
                    : Files.createTempFile(file.getParent(), ".password-", ".tmp");
            Files.writeString(temporary, password + "\n");
            try {
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, file);
            }
            return password;
        } catch (IOException e) {
            throw new UncheckedIOException("could not keep the embedded cluster's password in " + file, e);
        }
    }

    void delete() throws IOException {
        Files.deleteIfExists(file);
    }

    private static boolean isPosix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }
}
