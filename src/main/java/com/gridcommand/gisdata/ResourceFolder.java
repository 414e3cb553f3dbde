package com.gridcommand.gisdata;

import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/** Layer files in a Spring resource folder ({@code classpath:gis-data/}, {@code file:/path/}). */
final class ResourceFolder implements GisDataSource {

    private final ResourceLoader loader;
    private final String location;

    ResourceFolder(ResourceLoader loader, String location) {
        this.loader = loader;
        this.location = location;
    }

    @Override
    public Optional<Long> size(String fileName) throws IOException {
        Resource resource = loader.getResource(location + fileName);
        return resource.exists() ? Optional.of(resource.contentLength()) : Optional.empty();
    }

    @Override
    public byte[] read(String fileName) throws IOException {
        try (InputStream in = loader.getResource(location + fileName).getInputStream()) {
            return in.readAllBytes();
        }
    }

    @Override
    public String describe() {
        return location;
    }
}
