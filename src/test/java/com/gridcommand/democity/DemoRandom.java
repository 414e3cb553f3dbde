package com.gridcommand.democity;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Seeded randomness for the demo city. Each concern forks its own stream by name, so changing how
 * one layer is generated does not reshuffle the others. StrictMath keeps results identical across JVMs.
 */
final class DemoRandom {

    private final SplittableRandom random;

    DemoRandom(long seed) {
        this.random = new SplittableRandom(seed);
    }

    /** An independent stream for one purpose, stable however many numbers the parent has drawn. */
    static DemoRandom of(long seed, String purpose) {
        long h = seed;
        for (char c : purpose.toCharArray()) h = h * 1_000_003L + c;
        return new DemoRandom(h);
    }

    double uniform() {
        return random.nextDouble();
    }

    double uniform(double min, double max) {
        return min + (max - min) * random.nextDouble();
    }

    int between(int min, int maxInclusive) {
        return random.nextInt(min, maxInclusive + 1);
    }

    boolean chance(double p) {
        return random.nextDouble() < p;
    }

    double gaussian() {
        double u = 1.0 - random.nextDouble();
        double v = random.nextDouble();
        return StrictMath.sqrt(-2.0 * StrictMath.log(u)) * StrictMath.cos(2.0 * StrictMath.PI * v);
    }

    /** Log-normal with the given median and shape. */
    double logNormal(double median, double sigma) {
        return median * StrictMath.exp(sigma * gaussian());
    }

    <T> T pick(List<T> items) {
        return items.get(random.nextInt(items.size()));
    }

    <T> T pick(T[] items) {
        return items[random.nextInt(items.length)];
    }

    /** Index drawn with probability proportional to its weight. */
    int weighted(double[] weights) {
        double total = 0;
        for (double w : weights) total += w;
        double r = random.nextDouble() * total;
        for (int i = 0; i < weights.length; i++) {
            r -= weights[i];
            if (r < 0) return i;
        }
        return weights.length - 1;
    }
}
