package com.gridcommand.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * The benchmarks' one timing harness: wall-clock milliseconds of one run, medians, per-round ratios, and the
 * report each benchmark writes to {@code target/bench/<name>.txt} (and prints). Figures are medians, and speed is
 * stated as ratios against a baseline timed in the same rounds, so the machine's load hits both alike.
 */
public final class BenchReport {

    private final StringBuilder text = new StringBuilder();

    /** Milliseconds the work took; a work that answers null has measured nothing and fails the benchmark. */
    public static double millis(Supplier<?> work) {
        long t = System.nanoTime();
        if (work.get() == null) throw new IllegalStateException("no result");
        return (System.nanoTime() - t) / 1e6;
    }

    /** Milliseconds the work took. */
    public static double millis(Runnable work) {
        long t = System.nanoTime();
        work.run();
        return (System.nanoTime() - t) / 1e6;
    }

    public static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    public static double median(List<Double> values) {
        return median(values.stream().mapToDouble(Double::doubleValue).toArray());
    }

    /** Adds a line, formatted with the root locale (a dot for decimals, whatever the machine's language). */
    public BenchReport line(String format, Object... args) {
        text.append(String.format(Locale.ROOT, format, args)).append('\n');
        return this;
    }

    /** Writes the report so far to {@code target/bench/<fileName>}. */
    public Path write(String fileName) throws IOException {
        Path out = Path.of("target", "bench", fileName);
        Files.createDirectories(out.getParent());
        Files.writeString(out, text.toString());
        return out;
    }

    @Override
    public String toString() {
        return text.toString();
    }
}
