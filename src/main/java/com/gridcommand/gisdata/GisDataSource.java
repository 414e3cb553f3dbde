package com.gridcommand.gisdata;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;

/** A set of layer files: a folder, the classpath, or (in tests and uploads) bytes in memory. */
public interface GisDataSource {

    /** The file's size in bytes, if it exists. */
    Optional<Long> size(String fileName) throws IOException;

    byte[] read(String fileName) throws IOException;

    String describe();

    static GisDataSource of(Map<String, byte[]> files) {
        return new GisDataSource() {
            @Override
            public Optional<Long> size(String fileName) {
                return Optional.ofNullable(files.get(fileName)).map(b -> (long) b.length);
            }

            @Override
            public byte[] read(String fileName) {
                return files.get(fileName);
            }

            @Override
            public String describe() {
                return "files in memory " + files.keySet();
            }
        };
    }
}
