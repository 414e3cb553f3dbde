package com.gridcommand.base.postgis;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/** Finds a PostgreSQL server install on this machine that has PostGIS and pgRouting beside it. */
record PostgisInstallation(Path home, int major) {

    static final String PACKAGES = "postgresql-15-postgis-3 postgresql-15-pgrouting";

    private static final Path DEBIAN_LIB = Path.of("/usr/lib/postgresql");
    private static final Path DEBIAN_SHARE = Path.of("/usr/share/postgresql");

    Path bin() {
        return home.resolve("bin");
    }

    /** The configured home, else the newest Debian major version that has both extensions. */
    static PostgisInstallation find(Path configuredHome) {
        if (configuredHome != null) {
            if (!Files.isExecutable(configuredHome.resolve("bin/postgres"))) {
                throw new PostgisMissingException("no PostgreSQL server binaries in " + configuredHome.resolve("bin"));
            }
            return new PostgisInstallation(configuredHome, 0);
        }
        return debianInstalls()
                .filter(PostgisInstallation::hasExtensions)
                .max(Comparator.comparingInt(PostgisInstallation::major))
                .orElseThrow(() -> new PostgisMissingException(describeWhatIsMissing()));
    }

    private static Stream<PostgisInstallation> debianInstalls() {
        if (!Files.isDirectory(DEBIAN_LIB)) return Stream.empty();
        try (Stream<Path> versions = Files.list(DEBIAN_LIB)) {
            return versions.toList().stream()
                    .filter(p -> p.getFileName().toString().matches("\\d+"))
                    .filter(p -> Files.isExecutable(p.resolve("bin/postgres")))
                    .map(p -> new PostgisInstallation(p, Integer.parseInt(p.getFileName().toString())));
        } catch (IOException e) {
            return Stream.empty();
        }
    }

    private boolean hasExtensions() {
        Path extensions = DEBIAN_SHARE.resolve(Integer.toString(major)).resolve("extension");
        return Files.exists(extensions.resolve("postgis.control")) && Files.exists(extensions.resolve("pgrouting.control"));
    }

    private static String describeWhatIsMissing() {
        Optional<PostgisInstallation> server = debianInstalls().findFirst();
        return server.map(s -> "PostgreSQL " + s.major() + " is installed but PostGIS or pgRouting is not")
                .orElse("no PostgreSQL server with PostGIS found");
    }
}
