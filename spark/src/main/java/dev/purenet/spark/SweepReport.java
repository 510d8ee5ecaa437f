package dev.purenet.spark;

import dev.purenet.io.AtomicFiles;
import java.awt.Color;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.Styler;

/**
 * The sweep's plots: for each swept name, the best evaluation accuracy of the runs with each of
 * its values (mean over those runs, with the standard deviation as error bars), as
 * {@code accuracy-vs-NAME.png}.
 */
final class SweepReport {
    private SweepReport() {}

    /** Writes one PNG per swept name into {@code dir}; returns their paths. */
    static List<Path> write(Path dir, List<String> swept, List<RunResult> results, String evaluation) {
        List<Path> written = new ArrayList<>();
        for (String name : swept) {
            Map<String, List<Double>> byValue = new TreeMap<>(Comparator.comparingDouble(SweepReport::order).thenComparing(v -> v));
            for (RunResult r : results) {
                EpochRecord best = r.best();
                if (best != null) {
                    byValue.computeIfAbsent(value(r.settings(), name), v -> new ArrayList<>()).add(100 * best.evaluationAccuracy());
                }
            }
            if (byValue.isEmpty()) {
                continue;
            }
            List<String> xs = new ArrayList<>(byValue.keySet());
            List<Double> means = new ArrayList<>();
            List<Double> errors = new ArrayList<>();
            for (List<Double> accuracies : byValue.values()) {
                double mean = accuracies.stream().mapToDouble(Double::doubleValue).average().orElse(0);
                double squares = accuracies.stream().mapToDouble(a -> (a - mean) * (a - mean)).sum();
                means.add(mean);
                errors.add(accuracies.size() > 1 ? Math.sqrt(squares / (accuracies.size() - 1)) : 0.0);
            }
            CategoryChart chart = new CategoryChartBuilder().width(640).height(420)
                    .title("Best " + evaluation + " accuracy against " + name).xAxisTitle(name).yAxisTitle("accuracy (%)").build();
            var styler = chart.getStyler();
            styler.setLegendVisible(false);
            styler.setChartBackgroundColor(Color.WHITE);
            styler.setPlotGridVerticalLinesVisible(false);
            styler.setYAxisDecimalPattern("0.0");
            double low = means.stream().mapToDouble(Double::doubleValue).min().orElse(0);
            styler.setYAxisMin(Math.max(0, Math.floor(low - 5)));
            styler.setYAxisMax(100.0);
            styler.setDefaultSeriesRenderStyle(org.knowm.xchart.CategorySeries.CategorySeriesRenderStyle.Bar);
            styler.setLegendPosition(Styler.LegendPosition.InsideSE);
            chart.addSeries("mean of runs", xs, means, errors);
            Path file = dir.resolve("accuracy-vs-" + name + ".png");
            AtomicFiles.write(file, out -> out.write(BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG)));
            written.add(file);
        }
        return written;
    }

    /** Numbers sort as numbers, names after them. */
    private static double order(String value) {
        String first = value.split("[-/]")[0];
        try {
            return Double.parseDouble(first);
        } catch (NumberFormatException e) {
            return Double.MAX_VALUE;
        }
    }

    static String value(RunSettings s, String name) {
        return switch (name) {
            case "sizes" -> s.sizesText();
            case "hidden" -> String.join("-", s.sizes().subList(1, s.sizes().size() - 1).stream().map(String::valueOf).toList());
            case "activation" -> s.activation();
            case "layers" -> s.layers();
            case "eta" -> Double.toString(s.eta());
            case "lambda" -> Double.toString(s.lambda());
            case "optimizer" -> s.optimizer();
            case "momentum", "beta1", "beta2", "epsilon", "rho" -> s.coefficients().containsKey(name)
                    ? Double.toString(s.coefficients().get(name)) : "default";
            case "batch" -> Integer.toString(s.miniBatch());
            case "seed" -> Long.toString(s.seed());
            case "cost" -> s.cost();
            case "init" -> s.init();
            case "threads" -> Integer.toString(s.threads());
            case "precision" -> s.precision();
            default -> throw new IllegalArgumentException("no setting named '" + name + "'");
        };
    }
}
