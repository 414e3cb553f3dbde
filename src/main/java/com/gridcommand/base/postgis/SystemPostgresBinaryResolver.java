package com.gridcommand.base.postgis;

import io.zonky.test.db.postgres.embedded.PgBinaryResolver;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorOutputStream;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Date;

/**
 * Makes zonky run the machine's own PostgreSQL binaries: zonky always unpacks an archive, so we
 * hand it one that holds a single {@code bin} symlink to the system's binary folder.
 */
final class SystemPostgresBinaryResolver implements PgBinaryResolver {

    /** Fixed, so the archive bytes (and zonky's unpack folder, named by their digest) stay stable. */
    private static final Date ENTRY_TIME = new Date(0L);

    private final byte[] archive;

    SystemPostgresBinaryResolver(Path binDirectory) {
        this.archive = symlinkArchive(binDirectory);
    }

    @Override
    public InputStream getPgBinary(String system, String machineHardware) {
        return new ByteArrayInputStream(archive);
    }

    private static byte[] symlinkArchive(Path binDirectory) {
        var bytes = new ByteArrayOutputStream();
        try (var tar = new TarArchiveOutputStream(new XZCompressorOutputStream(bytes))) {
            var entry = new TarArchiveEntry("bin", TarArchiveEntry.LF_SYMLINK);
            entry.setLinkName(binDirectory.toAbsolutePath().toString());
            entry.setModTime(ENTRY_TIME);
            tar.putArchiveEntry(entry);
            tar.closeArchiveEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    // zonky caches unpacked binaries per resolver instance: equal resolvers share one folder.
    @Override
    public boolean equals(Object other) {
        return other instanceof SystemPostgresBinaryResolver that && java.util.Arrays.equals(archive, that.archive);
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(archive);
    }
}
