package com.gridcommand.gisdata;

import com.gridcommand.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** gis-data/README.md documents every layer the loader accepts and every property of each. */
@IntegrationTest
class GisDataReadmeTest {

    @Autowired
    List<GisLayer> layers;

    @Test
    void theReadmeDescribesEveryLayerAndProperty() throws IOException {
        String readme = Files.readString(Path.of("gis-data", "README.md"));
        assertThat(layers).hasSize(10);
        for (GisLayer layer : layers) {
            LayerSchema schema = layer.schema();
            int section = readme.indexOf("### " + schema.name() + ".geojson");
            assertThat(section).as(schema.name() + " has a section").isNotNegative();
            int next = readme.indexOf("### ", section + 4);
            String text = next < 0 ? readme.substring(section) : readme.substring(section, next);
            for (PropertySpec property : schema.properties().values()) {
                assertThat(text).as(schema.name() + "." + property.name()).contains("| `" + property.name() + "` | " + (property.mandatory() ? "●" : "|"));
                for (String value : property.allowed()) assertThat(text).as(schema.name() + "." + property.name() + " = " + value).contains(value);
            }
        }
    }
}
