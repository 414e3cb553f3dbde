package com.gridcommand.gisdata.internal;

import com.gridcommand.gisdata.GisDataException;
import com.gridcommand.gisdata.GisDataLoaded;
import org.springframework.context.ApplicationEventPublisher;
import com.gridcommand.gisdata.GisDataProblem;
import com.gridcommand.gisdata.GisDataProperties;
import com.gridcommand.gisdata.GisDataSource;
import com.gridcommand.gisdata.GisFeature;
import com.gridcommand.gisdata.GisFeatureRejectedException;
import com.gridcommand.gisdata.GisLayer;
import com.gridcommand.gisdata.LoadReport;
import com.gridcommand.security.AuditService;
import org.locationtech.jts.geom.Envelope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The loader's work: validate all files, then store all layers in one transaction. */
@Component
public class LayerLoading {

    private static final Logger log = LoggerFactory.getLogger(LayerLoading.class);

    private final List<GisLayer> layers;
    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final GisDataProperties properties;
    private final FeatureCollectionValidator validator;
    private final Clock clock;
    private final AuditService audit;
    private final ApplicationEventPublisher events;

    LayerLoading(List<GisLayer> layers, JdbcClient jdbc, PlatformTransactionManager transactions,
                 GisDataProperties properties, JsonMapper mapper, Clock clock, AuditService audit, ApplicationEventPublisher events) {
        this.audit = audit;
        this.events = events;
        this.layers = layers.stream().sorted(Comparator.comparingInt(l -> l.schema().order())).toList();
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactions);
        this.properties = properties;
        this.validator = new FeatureCollectionValidator(mapper);
        this.clock = clock;
    }

    public boolean isEmpty() {
        return layers.stream().allMatch(l -> l.storedCount(jdbc) == 0);
    }

    public LoadReport load(GisDataSource source) {
        long started = System.nanoTime();
        double[] r = properties.regionBox();
        var options = new FeatureCollectionValidator.Options(new Envelope(r[0], r[2], r[1], r[3]),
                properties.shiftDemoDates() ? LocalDate.now(clock) : null);

        Map<GisLayer, List<GisFeature>> validated = new LinkedHashMap<>();
        boolean demo = false;
        List<GisDataProblem> problems = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (GisLayer layer : layers) {
            String file = layer.schema().name() + ".geojson";
            try {
                Optional<Long> size = source.size(file);
                if (size.isEmpty()) {
                    if (layer.schema().required()) problems.add(new GisDataProblem(file, "", "is missing; a city's data needs it"));
                    else missing.add(file);
                    continue;
                }
                if (size.get() > properties.maxFileBytes()) {
                    problems.add(new GisDataProblem(file, "", "is " + megabytes(size.get()) + " MB; the limit is "
                            + megabytes(properties.maxFileBytes()) + " MB (gridcommand.gis-data.max-file-bytes)"));
                    continue;
                }
                var result = validator.validate(file, source.read(file), layer.schema(), options);
                problems.addAll(result.problems());
                validated.put(layer, result.features());
                demo |= result.relativeDates();
            } catch (IOException e) {
                problems.add(new GisDataProblem(file, "", "cannot be read: " + e.getMessage()));
            }
        }
        if (!problems.isEmpty()) throw new GisDataException(problems);

        List<String> notes = new ArrayList<>();
        Map<String, Integer> stored = transaction.execute(status -> {
            // One announcement for the whole load instead of one per row.
            jdbc.sql("select set_config('gridcommand.quiet', 'on', true)").query().singleValue();
            Map<String, Integer> counts = new LinkedHashMap<>();
            for (var entry : validated.entrySet()) {
                GisLayer layer = entry.getKey();
                String file = layer.schema().name() + ".geojson";
                for (GisFeature feature : entry.getValue()) {
                    try {
                        layer.insert(jdbc, feature);
                    } catch (GisFeatureRejectedException e) {
                        throw new GisDataException(List.of(new GisDataProblem(file, feature.label(), e.getMessage())));
                    } catch (DataAccessException e) {
                        throw new GisDataException(List.of(new GisDataProblem(file, feature.label(), databaseMessage(e))));
                    }
                }
                List<String> layerProblems = layer.afterLoad(jdbc);
                if (!layerProblems.isEmpty()) {
                    throw new GisDataException(layerProblems.stream().map(p -> new GisDataProblem(file, "", p)).toList());
                }
                counts.put(layer.schema().name(), entry.getValue().size());
            }
            // Rows of a bulk load are not audited one by one: the load leaves one line.
            audit.recordImport(source.describe(), counts);
            jdbc.sql("select pg_notify('map_change', '{\"layer\":\"*\",\"op\":\"reload\"}')").query().singleValue();
            return counts;
        });
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        log.info("Loaded GIS data from {} in {} ms: {}", source.describe(), took.toMillis(), stored);
        events.publishEvent(new GisDataLoaded(stored, demo));
        return new LoadReport(stored, missing, notes, took);
    }

    /** The database's own sentence (e.g. a trigger's), without the JDBC wrapping. */
    private static String databaseMessage(DataAccessException e) {
        Throwable root = NestedExceptionUtils.getMostSpecificCause(e);
        String message = root.getMessage() == null ? root.toString() : root.getMessage();
        int detail = message.indexOf("\n  ");
        if (detail > 0) message = message.substring(0, detail); // drop Detail/Where lines: they echo the whole row
        return message.replaceFirst("^ERROR: ", "").strip();
    }

    private static String megabytes(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.1f", bytes / (1024.0 * 1024.0));
    }
}
