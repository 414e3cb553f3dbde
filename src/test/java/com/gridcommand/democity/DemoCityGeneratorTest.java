package com.gridcommand.democity;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The committed demo city is exactly what the generator makes: the same seed gives the same bytes.
 * After changing the generator, regenerate with
 * {@code ./mvnw test -Dtest=DemoCityGeneratorTest -Dgis-data.regenerate=true} and commit gis-data/.
 */
class DemoCityGeneratorTest {

    static final Path COMMITTED = Path.of("gis-data");

    @Test
    void theCommittedGisDataIsWhatTheGeneratorWrites(@TempDir Path fresh) throws IOException {
        if (Boolean.getBoolean("gis-data.regenerate")) DemoCityGenerator.generate(COMMITTED);
        var summary = DemoCityGenerator.generate(fresh);
        assertThat(summary.townships()).isBetween(4, 6);
        assertThat(summary.communities()).isEqualTo(40);
        assertThat(summary.cells()).isEqualTo(400);
        assertThat(summary.cases()).isEqualTo(5000);
        List<Path> files;
        try (Stream<Path> list = Files.list(fresh)) {
            files = list.sorted().toList();
        }
        assertThat(files).hasSize(10);
        for (Path file : files) {
            assertThat(Files.readAllBytes(COMMITTED.resolve(file.getFileName())))
                    .as(file.getFileName() + " differs from the generator's output: regenerate gis-data")
                    .isEqualTo(Files.readAllBytes(file));
        }
    }
}
