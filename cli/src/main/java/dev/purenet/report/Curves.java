package dev.purenet.report;

import de.erichseifert.vectorgraphics2d.VectorGraphics2D;
import de.erichseifert.vectorgraphics2d.svg.SVGProcessor;
import de.erichseifert.vectorgraphics2d.util.PageSize;
import io.vavr.control.Option;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.knowm.xchart.AnnotationLine;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler.LegendLayout;
import org.knowm.xchart.style.Styler.LegendPosition;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Learning curves with XChart: one chart per metric that was measured (accuracy, then cost),
 * training against evaluation data, the best evaluation-accuracy epoch marked by a dashed
 * vertical line and, on the accuracy chart, a diamond with its value in the legend.
 */
final class Curves {
    static final int WIDTH = 800;
    static final int HEIGHT = 400;

    private static final Color TRAINING = new Color(0x1f77b4);
    private static final Color EVALUATION = new Color(0xd62728);
    private static final Color BEST = new Color(0x2ca02c);

    private Curves() {}

    /** The charts for {@code history}, accuracy first; empty when nothing was measured. */
    static List<XYChart> charts(RunHistory history) {
        Option<EpochPoint> best = history.best();
        List<XYChart> charts = new ArrayList<>();
        XYChart accuracy = chart("Accuracy", "accuracy (%)", best);
        addSeries(accuracy, "training", TRAINING, history, p -> p.trainingAccuracy().map(a -> 100 * a));
        addSeries(accuracy, history.evaluationLabel(), EVALUATION, history,
                p -> p.evaluationAccuracy().map(a -> 100 * a));
        for (EpochPoint b : best) {
            double percent = 100 * b.evaluationAccuracy().get();
            XYSeries marker = accuracy.addSeries("best " + history.evaluationLabel() + ": epoch " + b.epoch() + ", "
                    + Percent.of(b.evaluationAccuracy().get()), new double[] {b.epoch()}, new double[] {percent});
            marker.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            marker.setMarker(SeriesMarkers.DIAMOND);
            marker.setMarkerColor(BEST);
        }
        if (!accuracy.getSeriesMap().isEmpty()) {
            charts.add(widenFlatAxes(accuracy));
        }
        XYChart cost = chart("Cost", "cost", best);
        addSeries(cost, "training", TRAINING, history, EpochPoint::trainingCost);
        addSeries(cost, history.evaluationLabel(), EVALUATION, history, EpochPoint::evaluationCost);
        if (!cost.getSeriesMap().isEmpty()) {
            charts.add(widenFlatAxes(cost));
        }
        return charts;
    }

    private static XYChart chart(String title, String yTitle, Option<EpochPoint> best) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                .xAxisTitle("epoch").yAxisTitle(yTitle).build();
        var styler = chart.getStyler();
        // Below the plot, where it can never hide a curve.
        styler.setLegendPosition(LegendPosition.OutsideS);
        styler.setLegendLayout(LegendLayout.Horizontal);
        styler.setMarkerSize(6);
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setAnnotationLineColor(BEST);
        styler.setAnnotationLineStroke(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                new float[] {6f, 4f}, 0f));
        // Epochs are whole numbers; between them the axis shows no label rather than "2.5".
        chart.setCustomXAxisTickLabelsFormatter(x -> x == Math.rint(x) ? Long.toString(Math.round(x)) : "");
        // Five significant digits, never a decimal comma whatever the machine's locale.
        chart.setCustomYAxisTickLabelsFormatter(
                y -> new BigDecimal(y).round(new MathContext(5)).stripTrailingZeros().toPlainString());
        for (EpochPoint b : best) {
            chart.addAnnotation(new AnnotationLine(b.epoch(), true, false));
        }
        return chart;
    }

    /** Adds one curve; values that are not finite become gaps, and a curve with no finite value is left out. */
    private static void addSeries(XYChart chart, String name, Color color, RunHistory history,
            Function<EpochPoint, Option<Double>> metric) {
        List<Double> xs = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        boolean anyFinite = false;
        for (EpochPoint p : history.points()) {
            for (double y : metric.apply(p)) {
                xs.add((double) p.epoch());
                ys.add(Double.isFinite(y) ? y : Double.NaN);
                anyFinite |= Double.isFinite(y);
            }
        }
        if (anyFinite) {
            XYSeries series = chart.addSeries(name, xs, ys);
            series.setLineColor(color);
            series.setMarkerColor(color);
            series.setMarker(SeriesMarkers.CIRCLE);
        }
    }

    /**
     * Gives an axis whose data span no range (one epoch, one value) a range around it: XChart
     * would otherwise put one tick with all the digits of the value and misplace the best-epoch line.
     */
    private static XYChart widenFlatAxes(XYChart chart) {
        double minX = Double.POSITIVE_INFINITY;
        double maxX = Double.NEGATIVE_INFINITY;
        double minY = Double.POSITIVE_INFINITY;
        double maxY = Double.NEGATIVE_INFINITY;
        for (XYSeries series : chart.getSeriesMap().values()) {
            double[] xs = series.getXData();
            double[] ys = series.getYData();
            for (int i = 0; i < xs.length; i++) {
                if (!Double.isNaN(ys[i])) {
                    minX = Math.min(minX, xs[i]);
                    maxX = Math.max(maxX, xs[i]);
                    minY = Math.min(minY, ys[i]);
                    maxY = Math.max(maxY, ys[i]);
                }
            }
        }
        if (minX == maxX) {
            chart.getStyler().setXAxisMin(minX - 1).setXAxisMax(maxX + 1);
        }
        if (minY == maxY) {
            // One step of the value's second significant digit either side, at round numbers.
            double step = minY == 0 ? 1 : Math.pow(10, Math.floor(Math.log10(Math.abs(minY))) - 1);
            chart.getStyler().setYAxisMin(Math.floor(minY / step) * step - step)
                    .setYAxisMax(Math.ceil(maxY / step) * step + step);
        }
        return chart;
    }

    /** The charts stacked vertically in one PNG. */
    static void writePng(List<XYChart> charts, OutputStream out) throws IOException {
        BitmapEncoder.saveBitmap(charts, charts.size(), 1, out, BitmapEncoder.BitmapFormat.PNG);
    }

    /** The charts stacked vertically in one SVG (XChart's own SVG encoder takes one chart only). */
    static void writeSvg(List<XYChart> charts, OutputStream out) throws IOException {
        VectorGraphics2D canvas = new VectorGraphics2D();
        for (int k = 0; k < charts.size(); k++) {
            Graphics2D g = (Graphics2D) canvas.create();
            g.translate(0, k * HEIGHT);
            charts.get(k).paint(g, WIDTH, HEIGHT);
            g.dispose();
        }
        new SVGProcessor().getDocument(canvas.getCommands(), new PageSize(0, 0, WIDTH, charts.size() * HEIGHT))
                .writeTo(out);
    }
}
