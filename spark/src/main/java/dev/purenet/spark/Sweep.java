package dev.purenet.spark;

import dev.purenet.train.UpdateRule;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.BiFunction;

/**
 * A collection of runs: every combination of a grid's values (its cartesian product), or seeded
 * random samples from it, applied to base settings. A value, like an experiment: the same grid and
 * base give the same runs in the same order.
 *
 * <p>A grid is written {@code NAME=V1,V2;NAME=V1,...}, for example
 * {@code eta=0.5,3.0;hidden=30,100;seed=1,2}. The names:
 * <ul>
 *   <li>{@code eta}, {@code lambda}: numbers; for random samples also a range {@code LO..HI}
 *       (uniform) or {@code LO..HI:log} (log-uniform);</li>
 *   <li>{@code hidden}: hidden layer sizes, {@code 30} or {@code 60-30}; input and output sizes
 *       stay those of the base; {@code sizes}: all of them, {@code 784-30-10};</li>
 *   <li>{@code activation}: {@code sigmoid} for every layer or {@code HIDDEN/OUTPUT}, e.g. {@code relu/softmax};</li>
 *   <li>{@code layers}: networks in {@code purenet train --layers}'s grammar, whose descriptions contain
 *       ',', so separated by '|': {@code layers=conv 20x5x5 relu, pool 2, dense 100 relu, softmax 10 | dense 100 relu, softmax 10}.
 *       Each replaces {@code sizes} and {@code activation}, which a grid with {@code layers} cannot name;</li>
 *   <li>{@code optimizer}: sgd, momentum, nesterov, adam, rmsprop; its coefficients {@code momentum}
 *       (sgd, momentum, nesterov), {@code beta1}, {@code beta2} (adam), {@code rho} (rmsprop), each a
 *       number in [0, 1), and {@code epsilon} (adam, rmsprop), a positive number; a run whose
 *       optimizer does not take a coefficient it is given is refused when the sweep is planned;</li>
 *   <li>{@code batch}: mini-batch sizes; {@code seed}: seeds;</li>
 *   <li>{@code cost}: quadratic, cross-entropy, log-likelihood; {@code init}: gaussian, scaled, xavier, he, network3.</li>
 * </ul>
 *
 * @param runs  the settings of each run, in order
 * @param swept the names that vary, in the grid's order (the report plots accuracy against each)
 */
public record Sweep(List<RunSettings> runs, List<String> swept) {
    /** Every name a grid may use, in the order the result's columns have them. */
    public static final List<String> NAMES = List.of("sizes", "hidden", "activation", "layers", "eta", "lambda", "optimizer", "momentum",
            "beta1", "beta2", "epsilon", "rho", "batch", "seed", "cost", "init", "threads", "precision");

    /** The names that describe a dense network, which {@code layers} replaces. */
    private static final List<String> DENSE_NAMES = List.of("sizes", "hidden", "activation");

    /** Copies the lists. */
    public Sweep {
        runs = List.copyOf(runs);
        swept = List.copyOf(swept);
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("a sweep needs at least one run");
        }
    }

    /**
     * Every combination of the grid's values applied to {@code base}; the last name varies fastest.
     *
     * @param base the settings of what the grid does not name
     * @param grid e.g. {@code eta=0.5,3.0;hidden=30,100;seed=1,2}
     * @return the sweep
     * @throws IllegalArgumentException naming what was expected and what was found
     */
    public static Sweep grid(RunSettings base, String grid) {
        Map<String, List<String>> axes = parse(grid, false);
        List<RunSettings> runs = List.of(base);
        for (var axis : axes.entrySet()) {
            List<RunSettings> next = new ArrayList<>();
            for (RunSettings run : runs) {
                for (String value : axis.getValue()) {
                    next.add(apply(run, axis.getKey(), value));
                }
            }
            runs = next;
        }
        return new Sweep(runs, List.copyOf(axes.keySet()));
    }

    /**
     * {@code samples} random settings: each name's value drawn independently from its list
     * (uniformly) or range, by a generator seeded with {@code seed}.
     *
     * @param base    the settings of what the grid does not name
     * @param grid    as for {@link #grid}, where {@code eta} and {@code lambda} may also be ranges
     * @param samples how many runs, at least 1
     * @param seed    the sampling seed: the same seed draws the same runs
     * @return the sweep
     * @throws IllegalArgumentException naming what was expected and what was found
     */
    public static Sweep random(RunSettings base, String grid, int samples, long seed) {
        if (samples < 1) {
            throw new IllegalArgumentException("random samples: expected at least 1, found " + samples);
        }
        Map<String, List<String>> axes = parse(grid, true);
        Random random = new Random(seed);
        List<RunSettings> runs = new ArrayList<>();
        for (int i = 0; i < samples; i++) {
            RunSettings run = base;
            for (var axis : axes.entrySet()) {
                List<String> values = axis.getValue();
                String value = values.size() == 1 && Range.isRange(values.get(0))
                        ? Range.parse(axis.getKey(), values.get(0)).draw(random)
                        : values.get(random.nextInt(values.size()));
                run = apply(run, axis.getKey(), value);
            }
            runs.add(run);
        }
        return new Sweep(runs, List.copyOf(axes.keySet()));
    }

    /** {@code NAME=V1,V2;...} as names to values, checked name by name. */
    static Map<String, List<String>> parse(String grid, boolean rangesAllowed) {
        Map<String, List<String>> axes = new LinkedHashMap<>();
        for (String part : grid.split(";", -1)) {
            if (part.isBlank()) {
                continue; // a trailing ';' or one doubled by hand
            }
            int eq = part.indexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException("grid: expected NAME=V1,V2 (parts separated by ';'), found '" + part.strip() + "'");
            }
            String name = part.substring(0, eq).strip();
            if (!NAMES.contains(name)) {
                throw new IllegalArgumentException("grid: expected a name out of " + String.join(", ", NAMES) + "; found '" + name + "'");
            }
            if (axes.containsKey(name)) {
                throw new IllegalArgumentException("grid: " + name + " is given twice; list all its values once, e.g. " + name + "=A,B");
            }
            if (axes.containsKey("sizes") && name.equals("hidden") || axes.containsKey("hidden") && name.equals("sizes")) {
                throw new IllegalArgumentException("grid: hidden gives the hidden layers and sizes all of them; use one, not both");
            }
            for (String dense : DENSE_NAMES) {
                if (axes.containsKey(dense) && name.equals("layers") || axes.containsKey("layers") && name.equals(dense)) {
                    throw new IllegalArgumentException("grid: layers describes each network with its activations, so it replaces "
                            + dense + "; use one, not both");
                }
            }
            String separator = name.equals("layers") ? "|" : ",";
            List<String> values = new ArrayList<>();
            for (String value : part.substring(eq + 1).split(java.util.regex.Pattern.quote(separator), -1)) {
                if (value.isBlank()) {
                    throw new IllegalArgumentException("grid: " + name + " expected values separated by '" + separator
                            + "', found an empty one in '" + part.strip() + "'");
                }
                values.add(value.strip());
            }
            for (String value : values) {
                if (Range.isRange(value)) {
                    if (!rangesAllowed) {
                        throw new IllegalArgumentException("grid: " + name + "=" + value + " is a range; ranges are for random samples"
                                + " (sweep --sample N), a grid expects a list of values");
                    }
                    if (values.size() > 1) {
                        throw new IllegalArgumentException("grid: " + name + " expected either one range or a list of values, found '"
                                + part.substring(eq + 1).strip() + "'");
                    }
                    Range.parse(name, value);
                } else {
                    apply(RunSettings.defaults(), name, value); // checks the value's form now, not on an executor
                }
            }
            axes.put(name, values);
        }
        if (axes.isEmpty()) {
            throw new IllegalArgumentException("grid: expected at least one NAME=V1,V2, e.g. eta=0.5,3.0;seed=1,2; found '" + grid + "'");
        }
        return axes;
    }

    /** {@code settings} with {@code name} set to {@code value} (its text form). */
    static RunSettings apply(RunSettings s, String name, String value) {
        if (DENSE_NAMES.contains(name) && !s.layers().isEmpty()) {
            throw new IllegalArgumentException("grid: " + name + " describes a dense network, but the layers are given (--layers "
                    + s.layers() + "); sweep layers=A|B instead");
        }
        return switch (name) {
            case "sizes" -> {
                List<Integer> sizes = sizes(name, value);
                if (sizes.size() < 2) {
                    throw new IllegalArgumentException("grid: sizes expected at least two sizes like 784-30-10, found '" + value + "'");
                }
                yield s.withSizes(sizes);
            }
            case "hidden" -> {
                List<Integer> sizes = new ArrayList<>();
                sizes.add(s.sizes().get(0));
                sizes.addAll(sizes(name, value));
                sizes.add(s.sizes().get(s.sizes().size() - 1));
                yield s.withSizes(sizes);
            }
            case "activation" -> s.withActivation(value);
            case "layers" -> s.withLayers(value); // checked against the data's images by SweepRunner.plan
            case "eta" -> s.withEta(positive(name, value));
            case "lambda" -> s.withLambda(notNegative(name, value));
            case "optimizer" -> {
                if (!UpdateRule.OPTIMIZERS.contains(value)) {
                    throw new IllegalArgumentException("grid: optimizer expected one of " + String.join(", ", UpdateRule.OPTIMIZERS)
                            + "; found '" + value + "'");
                }
                yield s.withOptimizer(value);
            }
            case "momentum", "beta1", "beta2", "rho" -> s.withCoefficient(name, fraction(name, value));
            case "epsilon" -> s.withCoefficient(name, positive(name, value));
            case "batch" -> s.withMiniBatch((int) whole(name, value, 1, Integer.MAX_VALUE));
            case "seed" -> s.withSeed(whole(name, value, Long.MIN_VALUE, Long.MAX_VALUE));
            case "cost" -> s.withCost(known(name, value, dev.purenet.Cost::named));
            case "init" -> s.withInit(known(name, value, dev.purenet.Init::named));
            case "threads" -> s.withThreads((int) whole(name, value, 1, dev.purenet.train.Sgd.MAX_THREADS));
            case "precision" -> s.withPrecision(known(name, value, dev.purenet.Precision::of));
            default -> throw new IllegalArgumentException("grid: expected a name out of " + String.join(", ", NAMES) + "; found '" + name + "'");
        };
    }

    private static String known(String name, String value, java.util.function.Function<String, ?> lookup) {
        try {
            lookup.apply(value);
            return value;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("grid: " + name + "=" + value + ": " + e.getMessage(), e);
        }
    }

    private static List<Integer> sizes(String name, String value) {
        List<Integer> sizes = new ArrayList<>();
        for (String size : value.split("-", -1)) {
            sizes.add((int) whole(name, size, 1, Integer.MAX_VALUE));
        }
        return sizes;
    }

    private static long whole(String name, String value, long min, long max) {
        try {
            long n = Long.parseLong(value.strip());
            if (n < min || n > max) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("grid: " + name + " expected " + (min == 1 ? "a positive whole number" : "a whole number")
                    + (name.equals("hidden") || name.equals("sizes") ? " per layer (e.g. 30 or 60-30)" : "") + ", found '" + value + "'");
        }
    }

    private static double positive(String name, String value) {
        return number(name, value, (v, text) -> v > 0 && !v.isInfinite(), "a positive number");
    }

    private static double fraction(String name, String value) {
        return number(name, value, (v, text) -> v >= 0 && v < 1, "a number in [0, 1)");
    }

    private static double notNegative(String name, String value) {
        return number(name, value, (v, text) -> v >= 0 && !v.isInfinite(), "a number >= 0");
    }

    private static double number(String name, String value, BiFunction<Double, String, Boolean> ok, String expected) {
        double v;
        try {
            v = Double.parseDouble(value);
        } catch (NumberFormatException e) {
            v = Double.NaN;
        }
        if (!ok.apply(v, value)) {
            throw new IllegalArgumentException("grid: " + name + " expected " + expected + ", found '" + value + "'");
        }
        return v;
    }

    /** {@code LO..HI} or {@code LO..HI:log}: where random samples of eta and lambda are drawn. */
    private record Range(double low, double high, boolean log) {
        static boolean isRange(String value) {
            return value.contains("..");
        }

        static Range parse(String name, String value) {
            if (!name.equals("eta") && !name.equals("lambda")) {
                throw new IllegalArgumentException("grid: " + name + " expected a list of values (ranges are for eta and lambda), found '"
                        + value + "'");
            }
            boolean log = value.endsWith(":log");
            String[] ends = (log ? value.substring(0, value.length() - 4) : value).split("\\.\\.", -1);
            if (ends.length != 2) {
                throw new IllegalArgumentException("grid: " + name + " expected a range LO..HI or LO..HI:log, found '" + value + "'");
            }
            double low = name.equals("eta") ? positive(name, ends[0]) : notNegative(name, ends[0]);
            double high = name.equals("eta") ? positive(name, ends[1]) : notNegative(name, ends[1]);
            if (!(low < high) || log && !(low > 0)) {
                throw new IllegalArgumentException("grid: " + name + " expected a range LO..HI with LO < HI" + (log ? " and LO > 0 on a log"
                        + " scale" : "") + ", found '" + value + "'");
            }
            return new Range(low, high, log);
        }

        String draw(Random random) {
            double u = random.nextDouble();
            double v = log ? Math.exp(Math.log(low) + u * (Math.log(high) - Math.log(low))) : low + u * (high - low);
            return Double.toString(v);
        }
    }
}
