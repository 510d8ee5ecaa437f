package dev.purenet.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vavr.control.Option;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;

class CurvesTest {

    @Test
    void drawsAnAccuracyAndACostChartWithLabelledAxesAndTheBestEpochMarked() {
        List<XYChart> charts = Curves.charts(ReportTest.fullHistory());
        assertEquals(2, charts.size());
        XYChart accuracy = charts.get(0);
        assertEquals("epoch", accuracy.getXAxisTitle());
        assertEquals("accuracy (%)", accuracy.getYAxisTitle());
        assertEquals(List.of("training", "validation", "best validation: epoch 3, 90.00%"),
                List.copyOf(accuracy.getSeriesMap().keySet()));
        assertArrayEquals(new double[] {3}, accuracy.getSeriesMap().get("best validation: epoch 3, 90.00%").getXData());
        assertArrayEquals(new double[] {50, 70, 90, 80, 85}, accuracy.getSeriesMap().get("validation").getYData(), 1e-9);
        XYChart cost = charts.get(1);
        assertEquals("epoch", cost.getXAxisTitle());
        assertEquals("cost", cost.getYAxisTitle());
        assertEquals(List.of("training", "validation"), List.copyOf(cost.getSeriesMap().keySet()));
    }

    @Test
    void onlyTheMetricsThatWereMeasuredAreDrawn() {
        RunHistory history = new RunHistory("test", List.of(EpochPoint.evaluationAccuracy(1, 0.9),
                EpochPoint.evaluationAccuracy(2, 0.95), EpochPoint.evaluationAccuracy(3, 0.95)));
        List<XYChart> charts = Curves.charts(history);
        assertEquals(1, charts.size());
        assertEquals(List.of("test", "best test: epoch 2, 95.00%"), List.copyOf(charts.get(0).getSeriesMap().keySet()));
        assertEquals(List.of(), Curves.charts(new RunHistory("test", List.of())));
    }

    @Test
    void aCostThatIsNotFiniteIsAGapAndAnUnmeasuredOneIsSkipped() {
        Option<Double> none = Option.none();
        RunHistory history = new RunHistory("test", List.of(
                new EpochPoint(1, Option.some(0.5), none, Option.some(Double.NaN), none),
                new EpochPoint(2, Option.some(Double.POSITIVE_INFINITY), none, Option.some(Double.NaN), none),
                new EpochPoint(3, none, none, none, none),
                new EpochPoint(4, Option.some(0.25), none, none, none)));
        List<XYChart> charts = Curves.charts(history);
        assertEquals(1, charts.size());
        XYChart cost = charts.get(0);
        assertEquals(List.of("training"), List.copyOf(cost.getSeriesMap().keySet()), "no finite evaluation cost");
        assertArrayEquals(new double[] {1, 2, 4}, cost.getSeriesMap().get("training").getXData());
        assertArrayEquals(new double[] {0.5, Double.NaN, 0.25}, cost.getSeriesMap().get("training").getYData());
    }

    @Test
    void aSingleEpochStillGetsReadableAxes() throws Exception {
        List<XYChart> charts = Curves.charts(new RunHistory("test", List.of(EpochPoint.evaluationAccuracy(1, 0.9099))));
        XYChart chart = charts.get(0);
        assertEquals(0.0, chart.getStyler().getXAxisMin());
        assertEquals(2.0, chart.getStyler().getXAxisMax());
        assertEquals(89.0, chart.getStyler().getYAxisMin(), 1e-9);
        assertEquals(92.0, chart.getStyler().getYAxisMax(), 1e-9);
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        Curves.writePng(charts, png);
        var image = ImageIO.read(new ByteArrayInputStream(png.toByteArray()));
        assertEquals(Curves.HEIGHT, image.getHeight());
        ReportTest.assertNotBlank(image);
    }

    @Test
    void theSvgHoldsEveryChartOneBelowTheOther() throws Exception {
        ByteArrayOutputStream svg = new ByteArrayOutputStream();
        Curves.writeSvg(Curves.charts(ReportTest.fullHistory()), svg);
        String text = svg.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(text.contains("viewBox=\"0 0 800 800\""), text.substring(0, 400));
        assertTrue(text.contains("translate(0 400)"), "the second chart is moved below the first");
    }
}
